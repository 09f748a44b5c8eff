// The fingerprint (tokens, folding, encoding), the LSH index and the in-order decision, and
// what `corpus-clean dedup` reads of a record line and of a compressed file.
#include "corpus_clean/near_duplicate.hpp"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <fstream>

#include "dedup/line_file.hpp"
#include "dedup/record_scan.hpp"
#include "test_util.hpp"
#include "text/chars.hpp"

namespace corpus_clean {
namespace {

double similarity(std::string_view a, std::string_view b, MinHashOptions options = {}) {
  return estimate_similarity(fingerprint(a, options).values, fingerprint(b, options).values);
}

// A paragraph of news text of about 300 characters to edit.
constexpr std::string_view kStory =
    "2月10日，在商务部例行新闻发布会上，发言人介绍了中俄贸易的情况。今年以来，中俄双边贸易"
    "保持快速增长势头，农产品、能源、机电产品等领域合作不断深化。发言人表示，双方将继续推动"
    "双边经贸、能源等各领域合作齐头并进，扩大两国农产品贸易，培育数字经济、绿色低碳等新的增长"
    "点，为两国人民带来更多实实在在的好处。商务部将会同有关部门，做好跨境电商、服务贸易等领域"
    "的对接工作，支持双方企业开展务实合作，共同维护产业链供应链稳定。";

TEST(Fingerprint, FoldsCasePunctuationSpacesAndWidth) {
  struct Row {
    std::string_view a, b;
    bool same;  // the same shingles, so the same fingerprint
  };
  const Row rows[] = {
      {"The quick brown fox jumps over the lazy dog", "the QUICK brown fox jumps over the lazy DOG",
       true},
      {"The quick brown fox jumps over the lazy dog",
       "The quick, brown fox -- jumps over the lazy dog!", true},
      {"中国经济持续恢复发展", "中国，经济“持续”恢复 发展。", true},
      {"ＧＤＰ增长６％以上", "GDP增长6%以上", true},
      {"Größe und Maße der Straße", "GRÖSSE und MASSE der STRASSE", false},  // ß folds to ss alone
      {"Ελληνικά ΚΕΙΜΕΝΑ εδώ και εκεί πάντα", "ελληνικά κειμενα εδώ και εκεί πάντα", true},
      // Characters outside the common Han block are tokens too: extension A, kana, Hangul.
      {"㐀㐁㐂㐃㐄㐅", "㐀，㐁㐂 㐃㐄、㐅", true},
      {"カタカナのテキストです", "カタカナの「テキスト」です", true},
      {"한국어문장입니다", "한국어 문장입니다.", true},
      // Counter-examples: letters and characters are never folded away.
      {"中国经济持续恢复发展", "中国经济持续减速发展", false},
      {"The quick brown fox jumps over the lazy dog", "The quick brown cat jumps over the lazy dog",
       false},
      {"价格上涨18.0%", "价格上涨180%", false},         // the point separates 18 and 0
      {"中国经济持续发展", "经济中国持续发展", false},  // a shingle's tokens are in order
      {"a b c d e f", "abcdef", false},                 // six words are not one
  };
  for (const Row& row : rows) {
    const double s = similarity(row.a, row.b);
    if (row.same)
      EXPECT_EQ(s, 1.0) << row.a << " | " << row.b;
    else
      EXPECT_LT(s, 1.0) << row.a << " | " << row.b;
  }
}

// The tokenizer takes U+4E00..U+9FFF as CJK letters without looking them up: every one must be.
TEST(Fingerprint, CommonHanBlockIsAllCjkLetters) {
  ASSERT_EQ(text::load_character_classes(), "");
  for (char32_t cp = 0x4E00; cp <= 0x9FFF; ++cp)
    ASSERT_TRUE(text::is_cjk_letter(cp)) << std::hex << static_cast<std::uint32_t>(cp);
  EXPECT_FALSE(text::is_cjk_letter(U'a'));  // a counter-example: the check can fail
}

TEST(Fingerprint, ShortAndEmptyTexts) {
  EXPECT_TRUE(fingerprint("", {}).values.empty());
  EXPECT_TRUE(fingerprint("，。！？ —— ...", {}).values.empty());  // punctuation only: no token
  // Fewer tokens than the n-gram: one shingle of all of them.
  EXPECT_EQ(fingerprint("新闻", {}).values.size(), 256u);
  EXPECT_EQ(similarity("新闻", "新闻！"), 1.0);
  EXPECT_LT(similarity("新闻", "新华"), 1.0);
}

TEST(Fingerprint, EditsOfAStoryAndAnotherStory) {
  const std::string story(kStory);
  std::string typo = story;
  typo.replace(typo.find("快速"), 6, "高速");
  const std::string appended = story + "\n责任编辑：张三\n扫码下载客户端，领取专属福利";
  const std::string other =
      "3月5日，国家统计局发布数据显示，全国规模以上工业企业利润同比增长，制造业投资继续回升，"
      "高技术产业保持较快增长，消费市场持续恢复，就业形势总体稳定。";
  struct Row {
    std::string_view name;
    const std::string& copy;
    double at_least, at_most;
  };
  const Row rows[] = {
      {"the same text", story, 1.0, 1.0},
      {"one character changed", typo, 0.9, 1.0},
      {"an editor line and an ad appended", appended, 0.8, 1.0},
      {"another story on a neighbouring topic", other, 0.0, 0.1},
  };
  for (const Row& row : rows) {
    const double s = similarity(story, row.copy);
    EXPECT_GE(s, row.at_least) << row.name;
    EXPECT_LE(s, row.at_most) << row.name;
  }
}

TEST(Fingerprint, EncodesAndDecodes) {
  const Fingerprint print = fingerprint(kStory, {5, 16});
  const std::string text = encode_fingerprint(print);
  EXPECT_TRUE(text.starts_with("mh1:5:16:")) << text;
  EXPECT_EQ(text.size(), std::string_view("mh1:5:16:").size() + 88);  // 64 bytes in base64
  Result<Fingerprint> back = decode_fingerprint(text);
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back->values, print.values);
  EXPECT_EQ(back->options.ngram, 5u);
  EXPECT_EQ(back->options.permutations, 16u);
  EXPECT_EQ(encode_fingerprint(fingerprint("", {})), "mh1:5:256:");
  Result<Fingerprint> empty = decode_fingerprint("mh1:5:256:");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->values.empty());
}

TEST(Fingerprint, RefusesWhatIsNotOne) {
  const std::string good = encode_fingerprint(fingerprint(kStory, {5, 3}));  // 12 bytes: 16 chars
  const std::string rows[] = {
      "",
      "mh2:5:3:" + good.substr(8),
      "mh1:5:" + good.substr(8),
      "mh1:0:3:" + good.substr(8),
      "mh1:5:9999:" + good.substr(8),
      "mh1:5:4:" + good.substr(8),            // 3 values, not 4
      "mh1:5:3:" + good.substr(8, 12),        // cut short
      "mh1:5:3:" + good.substr(8, 15) + "!",  // not base64
      "mh1:x:3:" + good.substr(8),
  };
  ASSERT_TRUE(decode_fingerprint(good).ok()) << good;
  for (const std::string& row : rows)
    EXPECT_FALSE(decode_fingerprint(row).ok()) << row;
}

TEST(NearDuplicateOptions, Checked) {
  struct Row {
    std::size_t ngram, permutations, bands;
    double threshold;
    bool ok;
  };
  const Row rows[] = {
      {5, 256, 32, 0.75, true},  {5, 128, 16, 0.8, true},  {1, 1, 1, 1.0, true},
      {0, 256, 32, 0.75, false}, {5, 0, 1, 0.75, false},   {5, 2000, 10, 0.75, false},
      {5, 256, 7, 0.75, false},  {5, 256, 0, 0.75, false}, {5, 256, 512, 0.75, false},
      {5, 256, 32, 0.0, false},  {5, 256, 32, 1.5, false},
  };
  for (const Row& row : rows) {
    const NearDuplicateOptions options{{row.ngram, row.permutations}, {row.bands, row.threshold}};
    EXPECT_EQ(!check_near_options(options).has_value(), row.ok)
        << row.ngram << " " << row.permutations << " " << row.bands << " " << row.threshold;
  }
}

// A fingerprint of `n` values from `seed`, with the first `differ` values changed by `salt`.
std::vector<std::uint32_t> values(std::size_t n, std::uint32_t seed, std::size_t differ = 0,
                                  std::uint32_t salt = 0) {
  std::vector<std::uint32_t> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = seed * 1000003u + static_cast<std::uint32_t>(i) + (i < differ ? salt : 0u);
  return v;
}

TEST(NearDuplicateIndex, FindsTheMostSimilarKeptRecordAboveTheThreshold) {
  NearDuplicateIndex index({4, 0.75});  // 4 bands of 2 rows
  EXPECT_EQ(index.add(values(8, 1)), 0u);
  EXPECT_EQ(index.add(values(8, 1, 2, 7)), 1u);  // 6 of 8 equal to #0
  EXPECT_EQ(index.add(values(8, 2)), 2u);
  EXPECT_EQ(index.add({}), 3u);  // numbered, never found
  struct Row {
    std::string_view name;
    std::vector<std::uint32_t> query;
    std::optional<std::size_t> kept;
    double similarity;
  };
  const Row rows[] = {
      {"the same as #0", values(8, 1), 0, 1.0},
      {"one value from #0, three from #1", values(8, 1, 1, 9), 0, 7.0 / 8},
      {"equally like #0 and #1: the first kept", values(8, 1, 1, 7), 0, 7.0 / 8},
      {"below the threshold: 5 of 8", values(8, 2, 3, 5), std::nullopt, 0},
      {"shares no band", values(8, 3), std::nullopt, 0},
      {"no values", {}, std::nullopt, 0},
      {"another size", values(4, 1), std::nullopt, 0},
  };
  for (const Row& row : rows) {
    const std::optional<NearDuplicateIndex::Match> match = index.find(row.query);
    ASSERT_EQ(match.has_value(), row.kept.has_value()) << row.name;
    if (match) {
      EXPECT_EQ(match->kept, *row.kept) << row.name;
      EXPECT_EQ(match->similarity, row.similarity) << row.name;
    }
  }
}

TEST(NearDuplicates, ComparedWithKeptRecordsOnly) {
  // B is 6/8 like A and C 6/8 like B but 4/8 like A: B is dropped as A's, C is kept.
  std::vector<Fingerprint> prints(4);
  prints[0].values = values(8, 1);
  prints[1].values = values(8, 1, 2, 5);
  prints[2].values = values(8, 1, 4, 5);
  prints[3].values = values(8, 1);  // A again
  ASSERT_EQ(estimate_similarity(prints[1].values, prints[2].values), 6.0 / 8);
  const std::vector<NearDuplicate> found = find_near_duplicates(prints, {4, 0.75});
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].index, 1u);
  EXPECT_EQ(found[0].duplicate_of, 0u);
  EXPECT_EQ(found[0].similarity, 0.75);
  EXPECT_EQ(found[1].index, 3u);
  EXPECT_EQ(found[1].duplicate_of, 0u);
  EXPECT_EQ(found[1].similarity, 1.0);
}

TEST(BandKeys, OnePerBandFromItsRowsOnly) {
  const std::vector<std::uint32_t> a = values(8, 1);
  std::vector<std::uint32_t> b = a;
  b[7] ^= 1;  // the last band differs
  const std::vector<std::uint64_t> ka = band_keys(a, 4), kb = band_keys(b, 4);
  ASSERT_EQ(ka.size(), 4u);
  EXPECT_EQ(ka[0], kb[0]);
  EXPECT_EQ(ka[2], kb[2]);
  EXPECT_NE(ka[3], kb[3]);
  EXPECT_NE(ka[0], ka[1]);  // the band number is part of the key
  EXPECT_TRUE(band_keys({}, 4).empty());
}

TEST(ScanRecord, IdAndFingerprintOfALine) {
  struct Row {
    std::string line;
    bool ok;
    std::string id;
    std::optional<std::string> minhash;
  };
  const Row rows[] = {
      {R"({"id":"a.md","path":"x","hash":"00","minhash":"mh1:5:1:AAAAAA==","meta":{}})", true,
       "a.md", "mh1:5:1:AAAAAA=="},
      {R"({"id":"a.md","text":"say \",\"minhash\":\"x","minhash":"mh1:5:1:AAAAAA==","meta":{}})",
       true, "a.md", "mh1:5:1:AAAAAA=="},
      {R"({"id":"a.md","hash":"00","meta":{"minhash":"mine"}})", true, "a.md", std::nullopt},
      {R"({"id":"bad\udcff.md","minhash":"m","meta":{}})", true, "bad\xff.md", "m"},
      {R"({"id":"q\"\\\u4e2d.md","meta":{}})", true, "q\"\\\xe4\xb8\xad.md", std::nullopt},
      {R"({ "minhash": "m", "id": "b.md" })", true, "b.md", "m"},  // parsed whole
      {R"({"id":"a.md","minhash":7})", false, "", std::nullopt},
      {R"({"id":"a.md")", false, "", std::nullopt},
      {R"(["a.md"])", false, "", std::nullopt},
      {R"({"path":"a.md"})", false, "", std::nullopt},
      {"not json", false, "", std::nullopt},
  };
  for (const Row& row : rows) {
    Result<ScannedRecord> got = scan_record(row.line);
    ASSERT_EQ(got.ok(), row.ok) << row.line;
    if (got) {
      EXPECT_EQ(got->id, row.id) << row.line;
      EXPECT_EQ(got->minhash, row.minhash) << row.line;
    }
  }
}

void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string gzip(std::string_view text) {
  std::string out(compressBound(static_cast<uLong>(text.size())) + 64, '\0');
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zstd(std::string_view text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3));
  return out;
}

std::vector<std::string> lines_of(const std::filesystem::path& path, std::string* error) {
  std::vector<std::string> lines;
  auto file = LineFile::open(path.string());
  if (!file) {
    *error = file.error().detail;
    return lines;
  }
  std::string line;
  while ((*file)->next(line))
    lines.push_back(line);
  if ((*file)->error())
    *error = (*file)->error()->detail;
  return lines;
}

TEST(LineFile, PlainGzipZstdAndConcatenatedStreams) {
  testing::TempDir dir;
  const std::string big(200000, 'x');  // longer than a read chunk
  const std::string text = "one\ntwo\n" + big + "\nlast";
  const std::vector<std::string> expected = {"one", "two", big, "last"};
  struct Row {
    std::string name;
    std::string bytes;
    std::vector<std::string> lines;
    bool error;
  };
  const std::vector<Row> rows = {
      {"a.jsonl", text, expected, false},
      {"b.jsonl.gz", gzip(text), expected, false},
      {"c.jsonl.zst", zstd(text), expected, false},
      {"d.jsonl.gz", gzip("one\ntw") + gzip("o\nthree\n"), {"one", "two", "three"}, false},
      {"e.jsonl.zst", zstd("one\n") + zstd("two\n"), {"one", "two"}, false},
      {"f.jsonl", "", {}, false},
      {"g.jsonl.gz", gzip(text).substr(0, 40), {}, true},  // truncated
      {"h.jsonl.zst", "not zstd at all", {}, true},
  };
  for (const Row& row : rows) {
    write_bytes(dir.path() / row.name, row.bytes);
    std::string error;
    const std::vector<std::string> got = lines_of(dir.path() / row.name, &error);
    EXPECT_EQ(!error.empty(), row.error) << row.name << ": " << error;
    if (!row.error) {
      EXPECT_EQ(got, row.lines) << row.name;
    }
  }
  std::string error;
  lines_of(dir.path() / "missing.jsonl", &error);
  EXPECT_NE(error.find("cannot open"), std::string::npos) << error;
}

}  // namespace
}  // namespace corpus_clean

// The record: text fields, hash, and the JSON line's shape.
#include "corpus_clean/record.hpp"

#include <gtest/gtest.h>

#include "output/record_text.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

TEST(Record, SetTextJoinsParagraphsAndCounts) {
  Record r;
  set_text(r, {Block{BlockKind::paragraph, "第一段", 0}, Block{BlockKind::paragraph, "", 0},
               Block{BlockKind::heading, "two 2", 2}});
  EXPECT_EQ(r.text, "第一段\ntwo 2");
  EXPECT_EQ(r.paragraphs, 2);
  EXPECT_EQ(r.chars, 9);
  EXPECT_EQ(r.hash, text_hash("第一段\ntwo 2"));
  set_text(r, {});
  EXPECT_EQ(r.text, "");
  EXPECT_EQ(r.paragraphs, 0);
  EXPECT_EQ(r.chars, 0);
}

TEST(Record, HashIsXxh3As16Hex) {
  // XXH3-64 of the empty input, as published by xxHash.
  EXPECT_EQ(text_hash(""), "2d06800538d394c2");
  EXPECT_EQ(text_hash("a").size(), 16u);
  EXPECT_NE(text_hash("a"), text_hash("b"));
}

TEST(Record, JsonLineHasEveryKeyInOrderAndCjkUnescaped) {
  Record r;
  r.id = "a.md";
  r.path = "dir/a.md";
  r.title = "中文";
  r.meta = Json::parse(R"({"b":1,"a":2})");
  set_text(r, {Block{BlockKind::paragraph, "正文", 0}});
  const std::string line = to_json_line(r);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find("\\u"), std::string::npos);
  const Json parsed = Json::parse(line);
  std::vector<std::string> keys;
  for (auto it = parsed.begin(); it != parsed.end(); ++it)
    keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "id",     "path",       "site",       "format",    "title",      "date",
                      "author", "source",     "reporters",  "editors",   "categories", "tags",
                      "url",    "crawl_url",  "crawl_date", "site_name", "lang",       "images",
                      "text",   "paragraphs", "chars",      "hash",      "meta"}));
  EXPECT_EQ(parsed["title"], "中文");
  EXPECT_TRUE(parsed["date"].is_null());
  EXPECT_TRUE(parsed["reporters"].is_array());
  EXPECT_EQ(parsed["site"], "generic");
  EXPECT_EQ(parsed["meta"].dump(), R"({"b":1,"a":2})");
}

TEST(Record, StringsAreWrittenAsNlohmannJsonWritesThem) {
  for (const std::string& s :
       {std::string("plain"), std::string("中文“引号”"),
        std::string("q\"b\\s/\n\t\r\b\f\x01\x1f\x7f"), std::string("bad \xFF\xC0 x"),
        std::string("cut \xE4\xB8"), std::string("😀"), std::string()}) {
    Record r;
    r.title = s;
    const std::string line = to_json_line(r);
    const std::string expected =
        "\"title\":" + Json(s).dump(-1, ' ', false, Json::error_handler_t::replace) + ",";
    EXPECT_NE(line.find(expected), std::string::npos) << s << " → " << line;
  }
}

TEST(Record, InvalidUtf8IsReplacedNotThrown) {
  Record r;
  r.text = "bad \xFF byte";
  EXPECT_NO_THROW(to_json_line(r));
}

TEST(Record, IdAndPathKeepEveryByteOfTheName) {
  struct Row {
    std::string name;
    std::string json;  // as written
  };
  const Row rows[] = {
      {"a.md", R"("a.md")"},
      {"新闻/稿件.md", R"("新闻/稿件.md")"},
      {"q\"\\\n.md", R"("q\"\\\n.md")"},
      {"bad\xFF.md", R"("bad\udcff.md")"},
      {"gbk\xD0\xC2\xCE\xC5.md", R"("gbk\udcd0\udcc2\udcce\udcc5.md")"},
      {"cut\xE4\xB8", R"("cut\udce4\udcb8")"},
      {"lone\x80\xBF", R"("lone\udc80\udcbf")"},
      {"surrogate\xED\xA0\x80", R"("surrogate\udced\udca0\udc80")"},
      {"overlong\xC0\xAF", R"("overlong\udcc0\udcaf")"},
      {"中\xFF文\x01", R"("中\udcff文\u0001")"},
  };
  for (const Row& row : rows) {
    std::string out;
    append_json_path(out, row.name);
    EXPECT_EQ(out, row.json) << row.name;
    Record r;
    r.id = row.name;
    r.path = "dir/" + row.name;
    const std::string line = to_json_line(r);
    EXPECT_EQ(line.substr(0, 6 + row.json.size()), "{\"id\":" + row.json) << row.name;
    EXPECT_NE(line.find(",\"path\":\"dir/" + row.json.substr(1) + ","), std::string::npos) << line;
  }
}

TEST(Record, ValidNamesAreWrittenAsBefore) {
  for (const std::string name : {"a.md", "中文“引号”.md", "tab\there.md"}) {
    std::string out;
    append_json_path(out, name);
    EXPECT_EQ(out, Json(name).dump(-1, ' ', false)) << name;
  }
}

TEST(CountCodePoints, Table) {
  EXPECT_EQ(text::count_code_points(""), 0);
  EXPECT_EQ(text::count_code_points("abc"), 3);
  EXPECT_EQ(text::count_code_points("中文"), 2);
  EXPECT_EQ(text::count_code_points("😀a"), 2);
}

}  // namespace
}  // namespace corpus_clean

// Reading (size limit) and decoding (byte-order marks, encodings, U+FFFD, line ends).
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <random>

#include "input/decode.hpp"
#include "input/read.hpp"
#include "test_util.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

TEST(Read, ReadsBytesAndEnforcesTheLimit) {
  testing::TempDir dir;
  testing::write_all(dir.path() / "f.txt", std::string(100, 'x'));
  const std::string path = (dir.path() / "f.txt").string();
  Result<std::string> ok = read_file(path, 100);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->size(), 100u);
  Result<std::string> big = read_file(path, 99);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, ErrorCode::too_large);
  EXPECT_NE(big.error().detail.find("--max-bytes"), std::string::npos);
}

TEST(Read, MissingAndDirectory) {
  testing::TempDir dir;
  EXPECT_EQ(read_file((dir.path() / "nope").string(), 10).error().code, ErrorCode::not_found);
  EXPECT_EQ(read_file(dir.path().string(), 10).error().code, ErrorCode::not_a_regular_file);
}

TEST(Decode, Table) {
  struct Row {
    std::string in;
    std::string out;
  };
  const Row rows[] = {
      {"plain", "plain"},
      {"\xEF\xBB\xBF"
       "中文",
       "中文"},
      {"a\r\nb\r\n", "a\nb\n"},
      {"a\rb\r", "a\nb\n"},
      {"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\n", "---\ntitle: x\n---\n"},
      {"", ""},
  };
  for (const Row& row : rows) {
    Result<Decoded> d = decode(row.in);
    ASSERT_TRUE(d.ok()) << row.in;
    EXPECT_EQ(d->text, row.out) << row.in;
  }
}

TEST(Decode, EncodingTable) {
  struct Row {
    std::string in;
    std::string out;
    std::string encoding;
    std::size_t replaced;
  };
  const std::string gb =
      "\xC0\xA9\xB4\xF3\xC1\xBD\xB9\xFA\xC5\xA9\xB2\xFA\xC6\xB7\xC3\xB3\xD2\xD7"
      "\xB4\xB4\xD4\xEC\xCC\xF5\xBC\xFE";
  const std::string big5 =
      "\xC2\x58\xA4\x6A\xA8\xE2\xB0\xEA\xB9\x41\xB2\xA3\xAB\x7E\xB6\x54"
      "\xA9\xF6\xB3\xD0\xB3\x79\xB1\xF8\xA5\xF3";
  const std::string gb_news = "\xD0\xC2\xCE\xC5";  // 新闻
  const Row rows[] = {
      // Byte-order marks decide, and are stripped.
      {std::string("\xFF\xFE\x2D\x4E\x87\x65\x0D\x00\x0A\x00\x61\x00\x62\x00", 14), "中文\nab",
       "UTF-16LE", 0},
      {std::string("\xFE\xFF\x4E\x2D\x65\x87\x00\x0D\x00\x0A\x00\x61\x00\x62", 14), "中文\nab",
       "UTF-16BE", 0},
      {std::string("\xFF\xFE\x00\x00\x2D\x4E\x00\x00\x87\x65\x00\x00", 12), "中文", "UTF-32LE", 0},
      {std::string("\x00\x00\xFE\xFF\x00\x00\x4E\x2D\x00\x00\x65\x87", 12), "中文", "UTF-32BE", 0},
      {"\xFF\xFE", "", "UTF-16LE", 0},
      {"\xEF\xBB\xBF", "", "UTF-8", 0},
      // An odd byte at the end of UTF-16 is replaced.
      {std::string("\xFF\xFE\x2D\x4E\x87", 5), "中\xEF\xBF\xBD", "UTF-16LE", 1},
      // Chinese legacy encodings, found by the detector.
      {gb, "扩大两国农产品贸易创造条件", "GB18030", 0},
      {"<p>" + gb + "</p>", "<p>扩大两国农产品贸易创造条件</p>", "GB18030", 0},
      {big5, "擴大兩國農產品貿易創造條件", "Big5", 0},
      // A <meta> charset is honoured when the bytes are not UTF-8; GB2312 is read as GB18030.
      {"<meta charset=\"gb2312\"><p>" + gb_news + "</p>", "<meta charset=\"gb2312\"><p>新闻</p>",
       "GB18030", 0},
      {"<META http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\">" + gb_news,
       "<META http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\">新闻", "GB18030", 0},
      {"<meta charset=big5>" + big5, "<meta charset=big5>擴大兩國農產品貿易創造條件", "Big5", 0},
      // Valid UTF-8 stays UTF-8 whatever a <meta> says.
      {"<meta charset=\"gbk\">中文", "<meta charset=\"gbk\">中文", "UTF-8", 0},
      // Mostly UTF-8 with a few bad bytes: UTF-8, each bad sequence one U+FFFD.
      {"中文中文中文\xFF中文", "中文中文中文\xEF\xBF\xBD中文", "UTF-8", 1},
      {"中文中文中文\xE4\xB8", "中文中文中文\xEF\xBF\xBD", "UTF-8", 2},
      {"中文中文中文\xED\xA0\x80", "中文中文中文\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "UTF-8", 3},
      {"\xEF\xBB\xBF"
       "ab\xC0\xAF",
       "ab\xEF\xBF\xBD\xEF\xBF\xBD", "UTF-8", 2},
      {"ab\xFF", "ab\xEF\xBF\xBD", "UTF-8", 1},
      // NUL bytes never reach gumbo: one U+FFFD per run, every byte counted.
      {std::string("a\0\0\0b\0", 6),
       "a\xEF\xBF\xBD"
       "b\xEF\xBF\xBD",
       "UTF-8", 4},
      {std::string(1000, '\0'), "\xEF\xBF\xBD", "UTF-8", 1000},
      {std::string("\xFF\xFE\x61\x00\x00\x00", 6), "a\xEF\xBF\xBD", "UTF-16LE", 1},
      // CRLF folding happens after conversion.
      {gb + "\r\n" + gb + "\r", "扩大两国农产品贸易创造条件\n扩大两国农产品贸易创造条件\n",
       "GB18030", 0},
  };
  for (const Row& row : rows) {
    Result<Decoded> d = decode(row.in);
    ASSERT_TRUE(d.ok()) << row.in;
    EXPECT_EQ(d->text, row.out) << row.in;
    EXPECT_EQ(d->encoding, row.encoding) << row.in;
    EXPECT_EQ(d->replaced, row.replaced) << row.in;
  }
}

TEST(Decode, GarbageBecomesTextNeverAnError) {
  std::mt19937 random(42);
  std::uniform_int_distribution<int> byte(0, 255);
  for (std::size_t size : {1u, 2u, 3u, 7u, 100u, 4096u, 100000u}) {
    std::string garbage(size, '\0');
    for (char& c : garbage)
      c = static_cast<char>(byte(random));
    Result<Decoded> d = decode(garbage);
    ASSERT_TRUE(d.ok()) << size;
    EXPECT_TRUE(text::is_valid_utf8(d->text)) << size;
    EXPECT_EQ(d->text.find('\0'), std::string::npos) << size;
    EXPECT_EQ(d->text.find('\r'), std::string::npos) << size;
  }
}

// `utf8` in another encoding, through ICU's converter (the one decode() uses the other way).
std::string encode(const std::string& utf8, const char* encoding) {
  std::string out(utf8.size() * 4 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

TEST(Decode, ASeedInOtherEncodingsComesOutTheSame) {
  const std::string utf8 =
      testing::read_all(testing::source_dir() / "seeds" / "000_847a8487eada5079.txt");
  ASSERT_FALSE(utf8.empty());
  Result<Decoded> plain = decode(utf8);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->encoding, "UTF-8");
  EXPECT_EQ(plain->replaced, 0u);
  EXPECT_NE(plain->text.find("商务部谈中俄贸易"), std::string::npos);

  struct Row {
    std::string bytes;
    std::string encoding;
  };
  const Row rows[] = {
      {encode(utf8, "GB18030"), "GB18030"},
      {"\xFF\xFE" + encode(utf8, "UTF-16LE"), "UTF-16LE"},
      {"\xFE\xFF" + encode(utf8, "UTF-16BE"), "UTF-16BE"},
      {encode(utf8, "UTF-16LE"), "UTF-16LE"},  // no mark: the detector sees the NULs
  };
  for (const Row& row : rows) {
    Result<Decoded> d = decode(row.bytes);
    ASSERT_TRUE(d.ok()) << row.encoding;
    EXPECT_EQ(d->encoding, row.encoding);
    EXPECT_EQ(d->replaced, 0u) << row.encoding;
    EXPECT_EQ(d->text, plain->text) << row.encoding;
  }
}

// A mirror that writes its front matter as UTF-8 and pastes the page's GB18030 or Big5 bytes
// below it: both parts come out right. The counter-examples: an ASCII front matter (the file is
// then one encoding) and a body that is only slightly broken UTF-8.
TEST(Decode, FrontMatterAndBodyInDifferentEncodings) {
  const std::string utf8 =
      testing::read_all(testing::source_dir() / "seeds" / "000_847a8487eada5079.txt");
  const std::size_t body_at = utf8.find("\n---\n", 4) + 5;
  ASSERT_NE(body_at, std::string::npos + 5);
  const std::string head = utf8.substr(0, body_at);
  const std::string body = utf8.substr(body_at);
  for (const char* encoding : {"GB18030", "Big5"}) {
    Result<Decoded> d = decode(head + encode(body, encoding));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->encoding, std::string(encoding) + " (front matter UTF-8)");
    if (std::string_view(encoding) == "GB18030") {
      EXPECT_EQ(d->replaced, 0u);
      EXPECT_EQ(d->text, utf8);
    } else {  // Big5 lacks the seed's simplified characters: those come back as '?'
      EXPECT_EQ(d->text.substr(0, body_at), head);
      EXPECT_NE(d->text.find("2月10日，在商"), std::string::npos);
      EXPECT_NE(d->text.find("中俄元首"), std::string::npos);
    }
  }

  const std::string ascii_head = "---\ntitle: x\n---\n";
  Result<Decoded> one = decode(ascii_head + encode(body, "GB18030"));
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->encoding, "GB18030");
  EXPECT_EQ(one->text, ascii_head + body);

  Result<Decoded> broken = decode(head + body + "\xFF");
  ASSERT_TRUE(broken.ok());
  EXPECT_EQ(broken->encoding, "UTF-8");
  EXPECT_EQ(broken->replaced, 1u);
}

TEST(DeclaredHtmlCharset, Table) {
  struct Row {
    std::string in;
    std::string out;
  };
  const Row rows[] = {
      {"<meta charset=\"gb2312\">", "gb2312"},
      {"<META CHARSET='Big5' />", "Big5"},
      {"<meta charset = utf-8>", "utf-8"},
      {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">", "gbk"},
      {"<meta name=\"viewport\" content=\"width=device-width\"><meta charset=\"gb18030\">",
       "gb18030"},
      {"<p>charset=gbk</p>", ""},
      {"<meta name=\"description\" content=\"x\">", ""},
      {std::string(5000, ' ') + "<meta charset=\"gbk\">", ""},  // past the first 4 KB
      {"<meta charset=", ""},
      {"", ""},
  };
  for (const Row& row : rows)
    EXPECT_EQ(declared_html_charset(row.in), row.out) << row.in;
}

}  // namespace
}  // namespace corpus_clean

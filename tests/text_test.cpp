// The shared text layer: UTF-8 code points, character classes, trims and case.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "text/chars.hpp"
#include "text/line_reader.hpp"
#include "text/strings.hpp"
#include "text/url.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

TEST(Utf8, NextAndPreviousCodePoints) {
  struct Row {
    std::string in;
    std::vector<char32_t> forward;  // what next_code_point reads, one by one
  };
  const Row rows[] = {
      {"a中😀", {U'a', U'中', U'😀'}},
      {"", {}},
      // Each maximal ill-formed subpart is one U+FFFD (Unicode §3.9).
      {"a\xFF"
       "b",
       {U'a', 0xFFFD, U'b'}},
      {"\xE4\xB8", {0xFFFD}},                      // a cut three-byte sequence
      {"\xE4\xB8x", {0xFFFD, U'x'}},               // cut, then ASCII
      {"\xC0\xAF", {0xFFFD, 0xFFFD}},              // overlong: two bytes that start nothing
      {"\xED\xA0\x80", {0xFFFD, 0xFFFD, 0xFFFD}},  // a surrogate
  };
  for (const Row& row : rows) {
    std::vector<char32_t> got;
    for (std::size_t i = 0; i < row.in.size();)
      got.push_back(text::next_code_point(row.in, i));
    EXPECT_EQ(got, row.forward) << row.in;
  }
  const std::string s = "a中😀";
  std::size_t i = s.size();
  EXPECT_EQ(text::previous_code_point(s, i), U'😀');
  EXPECT_EQ(text::previous_code_point(s, i), U'中');
  EXPECT_EQ(i, 1u);
  EXPECT_EQ(text::first_code_point("中a"), U'中');
  EXPECT_EQ(text::last_code_point("a中"), U'中');
  EXPECT_EQ(text::last_code_point(""), 0u);
}

TEST(Utf8, AppendCountAndCut) {
  std::string out;
  for (char32_t cp : {U'a', U'é', U'中', U'😀'})
    text::append_utf8(out, cp);
  EXPECT_EQ(out, "aé中😀");
  EXPECT_EQ(text::count_code_points(out), 4);
  EXPECT_EQ(text::first_code_points(out, 3), "aé中");
  EXPECT_EQ(text::first_code_points(out, 9), out);
  EXPECT_EQ(text::prefix_bytes("中文", 4), "中");  // never half a character
  EXPECT_EQ(text::prefix_bytes("中文", 6), "中文");
  EXPECT_EQ(text::prefix_bytes("中文", 2), "");
}

TEST(Utf8, Validation) {
  std::size_t offset = 0;
  EXPECT_FALSE(text::is_valid_utf8("12345678901中\xFF", &offset));
  EXPECT_EQ(offset, 14u);
  EXPECT_TRUE(text::is_valid_utf8("𠀀 emoji 😀 and 中文"));
  EXPECT_FALSE(text::is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(text::is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  std::size_t length = 0;
  EXPECT_EQ(text::ill_formed_length("中", 0, &length), 0u);
  EXPECT_EQ(length, 3u);
  EXPECT_EQ(text::ill_formed_length("\xE4\xB8x", 0, &length), 2u);
}

TEST(Chars, HanAndCjk) {
  struct Row {
    char32_t cp;
    bool han;
    bool cjk;
  };
  const Row rows[] = {
      {U'中', true, true},    {U'〇', true, true},  {U'々', true, true},
      {0x2F08, true, true},   // ⼈ KANGXI RADICAL MAN
      {0xF900, true, true},   // a compatibility ideograph
      {0x20000, true, true},  // extension B
      {U'あ', false, true},   {U'カ', false, true}, {U'ｶ', false, true},
      {U'한', false, true},   {U'、', false, true}, {U'，', false, true},
      {U'《', false, true},   {U'・', false, true}, {U'A', false, false},
      {U'ａ', false, false},  // full-width letters are Latin
      {U'Ё', false, false},   {U'…', false, false}, {U' ', false, false},
      {0x3000, false, false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(text::is_han(row.cp), row.han) << std::hex << static_cast<unsigned>(row.cp);
    EXPECT_EQ(text::is_cjk(row.cp), row.cjk) << std::hex << static_cast<unsigned>(row.cp);
  }
  EXPECT_EQ(text::load_character_classes(), "");
}

TEST(Strings, TrimsAndCase) {
  EXPECT_EQ(text::trim(" \t a b \n"), "a b");
  EXPECT_EQ(text::trim_right("a  \t"), "a");
  EXPECT_EQ(text::trim_spaces("\u3000\u3000正文\u00A0 "), "正文");
  EXPECT_EQ(text::trim_spaces("正\u3000文"), "正\u3000文");
  EXPECT_EQ(text::trim_any("【(李跃群)】", {"【", "】", "(", ")"}), "李跃群");
  EXPECT_EQ(text::ascii_lower("GB2312 中文 Ä"), "gb2312 中文 Ä");
  EXPECT_TRUE(text::equals_ignoring_case("UTF-8", "utf-8"));
  EXPECT_FALSE(text::equals_ignoring_case("utf-8", "utf-16"));
  EXPECT_TRUE(text::starts_with_ignoring_case("HTTPS://x", "https://"));
  EXPECT_FALSE(text::starts_with_ignoring_case("http", "https://"));
}

TEST(LineReader, LinesAndPositions) {
  text::LineReader lines("a\n\nb");
  std::string_view line;
  std::vector<std::string> got;
  while (lines.next(line))
    got.emplace_back(line);
  EXPECT_EQ(got, (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(lines.position(), 4u);
  text::LineReader trailing("a\n");
  ASSERT_TRUE(trailing.next(line));
  EXPECT_FALSE(trailing.next(line));  // nothing after the last '\n' is no line
  EXPECT_EQ(trailing.position(), 2u);
}

TEST(Url, ReferencesResolvedAgainstThePage) {
  struct Row {
    const char* base;
    const char* reference;
    std::optional<std::string> url;
  };
  const Row rows[] = {
      {"https://a.cn/n/2024/x.html", "https://cdn.cn/1.jpg", "https://cdn.cn/1.jpg"},
      {"https://a.cn/n/2024/x.html", "//cdn.cn/1.jpg", "https://cdn.cn/1.jpg"},
      {"http://a.cn/n/2024/x.html?p=1", "/img/1.jpg", "http://a.cn/img/1.jpg"},
      {"http://a.cn/n/2024/x.html?p=1", "1.jpg", "http://a.cn/n/2024/1.jpg"},
      {"http://a.cn", "1.jpg", "http://a.cn/1.jpg"},
      // Not images of a record.
      {"", "/img/1.jpg", std::nullopt},
      {"https://a.cn/x.html", "data:image/gif;base64,R0lG", std::nullopt},
      {"https://a.cn/x.html", "chrome-extension://abc/icon.png", std::nullopt},
      {"https://a.cn/x.html", "javascript:void(0)", std::nullopt},
      {"https://a.cn/x.html", "  ", std::nullopt},
  };
  for (const Row& row : rows)
    EXPECT_EQ(text::resolve_url(row.base, row.reference), row.url) << row.reference;
  EXPECT_TRUE(text::is_web_url("HTTPS://a.cn"));
  EXPECT_FALSE(text::is_web_url("ftp://a.cn"));
  EXPECT_TRUE(text::is_home_page("http://www.china.com.cn/"));
  EXPECT_TRUE(text::is_home_page("https://a.cn"));
  EXPECT_FALSE(text::is_home_page("https://a.cn/2024/x.html"));
  EXPECT_FALSE(text::is_home_page("https://a.cn/?p=12"));
}

}  // namespace
}  // namespace corpus_clean

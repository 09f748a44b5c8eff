// The character classes every stage agrees on: what is Han, what is CJK. One definition, as ICU
// UnicodeSet patterns, from which both these predicates and the normalizer's table are built.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace corpus_clean::text {

// The Han script (ICU's Script=Han): unified and compatibility ideographs, Kangxi and
// supplementary radicals, 々 〇 〆 and the Hangzhou numerals.
inline constexpr char16_t kHanSet[] = u"[:sc=Hani:]";
// Hiragana and Katakana, half-width too, and the marks that go with them.
inline constexpr char16_t kKanaSet[] =
    u"[[:sc=Hira:][:sc=Kana:]\\u30FC\\u3031-\\u3035\\u309B\\u309C]";
inline constexpr char16_t kHangulSet[] = u"[:sc=Hang:]";
// CJK punctuation and symbols: the CJK Symbols block, the vertical, small and full-width forms.
inline constexpr char16_t kCjkPunctuationSet[] =
    u"[[\\u3001-\\u303F\\u30FB\\uFE10-\\uFE1F\\uFE30-\\uFE6F\\uFF01-\\uFF65\\uFFE0-\\uFFEE]"
    u"&[[:P:][:S:]]]";

enum class CjkScript : std::uint8_t { none = 0, han, kana, hangul, punctuation };

// Which of the CJK classes a code point is in (none for everything else).
CjkScript cjk_script(char32_t cp);

bool is_han(char32_t cp);
// Han, kana, Hangul or CJK punctuation: a character that Chinese (or Japanese, Korean) text is
// written in, where no space separates words.
bool is_cjk(char32_t cp);
// Han, kana or Hangul: a letter of text written without spaces (a unit of length by itself).
bool is_cjk_letter(char32_t cp);

// What a text is written in: its CJK letters by script, and its words of other letters and
// digits (runs of alphanumerics, as ICU classes them). One pass over the UTF-8, with the table
// read in place: the language of every record is told from these counts.
struct ScriptCounts {
  std::size_t han = 0, kana = 0, hangul = 0, words = 0;
};
ScriptCounts count_scripts(std::string_view utf8);

// Builds the tables behind is_han and is_cjk if they are not built yet; "" when they are
// usable, else what ICU said. Called once at start-up, so a broken ICU is an error message
// rather than a wrong answer later.
std::string load_character_classes();

}  // namespace corpus_clean::text

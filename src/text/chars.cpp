// The character-class tables of chars.hpp: one ICU code point trie, built on first use.
#include "text/chars.hpp"

#include <unicode/uchar.h>
#include <unicode/ucptrie.h>
#include <unicode/umutablecptrie.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>

namespace corpus_clean::text {
namespace {

constexpr auto kOther = static_cast<std::uint8_t>(CjkScript::none);
constexpr auto kHan = static_cast<std::uint8_t>(CjkScript::han);
constexpr auto kKana = static_cast<std::uint8_t>(CjkScript::kana);
constexpr auto kHangul = static_cast<std::uint8_t>(CjkScript::hangul);
constexpr auto kCjkPunctuation = static_cast<std::uint8_t>(CjkScript::punctuation);

struct TrieDeleter {
  void operator()(UCPTrie* trie) const { ucptrie_close(trie); }
};
struct MutableTrieDeleter {
  void operator()(UMutableCPTrie* trie) const { umutablecptrie_close(trie); }
};

struct ClassTable {
  std::unique_ptr<UCPTrie, TrieDeleter> trie;
  std::string error;  // empty when the trie was built
};

ClassTable build() {
  ClassTable table;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UMutableCPTrie, MutableTrieDeleter> m(
      umutablecptrie_open(kOther, kOther, &status));
  auto add = [&](const char16_t* pattern, std::uint8_t value) {
    if (U_FAILURE(status))
      return;
    icu::UnicodeSet set(icu::UnicodeString(pattern), status);
    for (int32_t i = 0; U_SUCCESS(status) && i < set.getRangeCount(); ++i)
      umutablecptrie_setRange(m.get(), set.getRangeStart(i), set.getRangeEnd(i), value, &status);
  };
  add(kCjkPunctuationSet, kCjkPunctuation);
  add(kKanaSet, kKana);
  add(kHangulSet, kHangul);
  add(kHanSet, kHan);
  if (U_SUCCESS(status)) {
    table.trie.reset(
        umutablecptrie_buildImmutable(m.get(), UCPTRIE_TYPE_FAST, UCPTRIE_VALUE_BITS_8, &status));
  }
  if (U_FAILURE(status)) {
    table.trie.reset();
    table.error = std::string("ICU cannot build the character classes: ") + u_errorName(status);
  }
  return table;
}

const ClassTable& table() {
  static const ClassTable built = build();
  return built;
}

std::uint8_t class_of(char32_t cp) {
  if (cp < 0x1100)  // nothing below the Hangul jamo is Han or CJK
    return kOther;
  const UCPTrie* trie = table().trie.get();
  return trie ? static_cast<std::uint8_t>(ucptrie_get(trie, static_cast<UChar32>(cp))) : kOther;
}

}  // namespace

bool is_han(char32_t cp) {
  return class_of(cp) == kHan;
}

bool is_cjk(char32_t cp) {
  return class_of(cp) != kOther;
}

bool is_cjk_letter(char32_t cp) {
  const std::uint8_t c = class_of(cp);
  return c == kHan || c == kKana || c == kHangul;
}

CjkScript cjk_script(char32_t cp) {
  return static_cast<CjkScript>(class_of(cp));
}

ScriptCounts count_scripts(std::string_view utf8) {
  ScriptCounts counts;
  const UCPTrie* trie = table().trie.get();
  // Is a non-ASCII code point a letter or digit of a script written with spaces?
  auto other_letter = [&](UChar32 cp) {
    const std::uint8_t c = cp < 0x1100 || !trie
                               ? kOther
                               : static_cast<std::uint8_t>(UCPTRIE_FAST_GET(trie, UCPTRIE_8, cp));
    counts.han += c == kHan;
    counts.kana += c == kKana;
    counts.hangul += c == kHangul;
    return c == kOther && cp >= 0 && u_isalnum(cp);
  };
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto n = static_cast<std::int32_t>(utf8.size());
  bool in_word = false;
  for (std::int32_t i = 0; i < n;) {
    UChar32 cp = s[i];
    bool letter = false;
    if (cp < 0x80) {
      ++i;
      letter = (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    } else if (cp >= 0xE1 && cp < 0xF0 && cp != 0xED && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
               (s[i + 2] & 0xC0) == 0x80) {
      // Three bytes that cannot be overlong or a surrogate, as CJK is written: decoded here,
      // the common case kept short.
      letter = other_letter(((cp & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F));
      i += 3;
    } else {
      U8_NEXT(s, i, n, cp);
      letter = other_letter(cp);
    }
    counts.words += letter && !in_word;
    in_word = letter;
  }
  return counts;
}

std::string load_character_classes() {
  return table().error;
}

}  // namespace corpus_clean::text

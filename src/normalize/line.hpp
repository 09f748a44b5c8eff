// How the normalizer's analyses read a line of UTF-8: one character at a time with its class
// from the start-up table, and past the characters N13 deletes, as a second pass sees the line.
#pragma once

#include <unicode/umachine.h>
#include <unicode/utf8.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "corpus_clean/normalize.hpp"
#include "normalize/normalize_tables.hpp"

namespace corpus_clean::normalize_detail {

// Which rules are on, by rule id: NormalizeOptions::enabled.
using RuleSwitches = std::array<bool, kNormalizeRuleCount + 1>;

inline bool is_ascii_alnum(UChar32 c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_ascii_letter(UChar32 c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The code point that ends before s[i], moving i to its start (U8_PREV without its casts);
// negative for an ill-formed sequence.
inline UChar32 prev_code_point(const std::uint8_t* s, int32_t& i) {
  const UChar32 c = s[--i];
  if (c < 0x80)
    return c;
  return utf8_prevCharSafeBody(s, 0, &i, c, -1);
}

struct Char {
  UChar32 c;           // -1 at the end of the line or for an ill-formed sequence
  std::uint8_t value;  // trie value: class and flags
  const std::uint8_t* next;
  std::uint8_t cls() const { return value & kClassMask; }
};

// A view of one line with the table and the rule switches its analyses judge it by. Cheap to
// copy; the text, the table and the switches must outlive it.
class Line {
 public:
  Line() = default;
  Line(std::string_view text, const CharTable& table, const RuleSwitches& rules)
      : begin_(reinterpret_cast<const std::uint8_t*>(text.data())),
        end_(begin_ + text.size()),
        table_(&table),
        rules_(&rules) {}

  const std::uint8_t* begin() const { return begin_; }
  const std::uint8_t* end() const { return end_; }
  std::size_t size() const { return static_cast<std::size_t>(end_ - begin_); }
  std::size_t offset(const std::uint8_t* p) const { return static_cast<std::size_t>(p - begin_); }
  const CharTable& table() const { return *table_; }
  bool on(int rule) const { return (*rules_)[static_cast<std::size_t>(rule)]; }

  Char decode(const std::uint8_t* p) const {
    if (p >= end_)
      return {-1, kNone, end_};
    if (*p < 0x80)
      return {*p, ascii_class(*p), p + 1};
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(p, i, static_cast<int32_t>(end_ - p), c);
    if (c < 0)
      return {-1, kInvalid | kSpecial, p + i};
    return {c, table_->get(c), p + i};
  }

  // The next character, past those N13 deletes.
  Char peek(const std::uint8_t* p) const {
    Char ch = decode(p);
    while (ch.cls() == kIgnorable && on(13))
      ch = decode(ch.next);
    return ch;
  }

 private:
  const std::uint8_t* begin_ = nullptr;
  const std::uint8_t* end_ = nullptr;
  const CharTable* table_ = nullptr;
  const RuleSwitches* rules_ = nullptr;
};

}  // namespace corpus_clean::normalize_detail

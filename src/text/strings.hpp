// ASCII helpers for text that is UTF-8: spaces, trimming and case, each defined once.
#pragma once

#include <string>
#include <string_view>

namespace corpus_clean::text {

// The ASCII whitespace of HTML and Markdown: space, tab, LF, CR, FF.
constexpr bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
constexpr bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
constexpr char ascii_lower(char c) {
  return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = ascii_lower(c);
  return out;
}

// Case-insensitive for ASCII letters; other bytes compare as they are.
inline bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i]))
      return false;
  }
  return true;
}
inline bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && equals_ignoring_case(s.substr(0, prefix.size()), prefix);
}

// ASCII whitespace trimmed at both ends, or at the end only.
inline std::string_view trim(std::string_view s) {
  std::size_t b = 0;
  while (b < s.size() && is_ascii_space(s[b]))
    ++b;
  std::size_t e = s.size();
  while (e > b && is_ascii_space(s[e - 1]))
    --e;
  return s.substr(b, e - b);
}
inline std::string_view trim_right(std::string_view s) {
  std::size_t e = s.size();
  while (e > 0 && is_ascii_space(s[e - 1]))
    --e;
  return s.substr(0, e);
}

// Trims, at both ends, any of `edges` (each a UTF-8 string) for as long as one matches.
inline std::string_view trim_any(std::string_view s,
                                 std::initializer_list<std::string_view> edges) {
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (std::string_view edge : edges) {
      if (s.starts_with(edge)) {
        s.remove_prefix(edge.size());
        changed = true;
      }
      if (s.ends_with(edge)) {
        s.remove_suffix(edge.size());
        changed = true;
      }
    }
  }
  return s;
}

// Spaces a block of text may carry at its ends, ASCII or not: what a rule pattern should not
// have to anchor around.
inline std::string_view trim_spaces(std::string_view s) {
  return trim_any(s, {" ", "\t", "\n", "\r", "\f", "\u3000", "\u00A0"});
}

}  // namespace corpus_clean::text

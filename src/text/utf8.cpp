// The UTF-8 helpers of utf8.hpp, on ICU's U8_* macros (which follow Unicode's maximal-subpart
// practice for ill-formed input).
#include "text/utf8.hpp"

#include <unicode/utf8.h>

#include <cstring>

namespace corpus_clean::text {

// ICU's macros are C: they cast the C way and mix signed and unsigned.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wuseless-cast"

char32_t next_code_point(std::string_view s, std::size_t& i) {
  UChar32 c = 0;
  auto offset = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), offset, static_cast<int32_t>(s.size()),
          c);
  i = static_cast<std::size_t>(offset);
  return c < 0 ? kReplacementCharacter : static_cast<char32_t>(c);
}

char32_t previous_code_point(std::string_view s, std::size_t& i) {
  UChar32 c = 0;
  auto offset = static_cast<int32_t>(i);
  U8_PREV(reinterpret_cast<const std::uint8_t*>(s.data()), 0, offset, c);
  i = static_cast<std::size_t>(offset);
  return c < 0 ? kReplacementCharacter : static_cast<char32_t>(c);
}

char32_t first_code_point(std::string_view s) {
  std::size_t i = 0;
  return s.empty() ? 0 : next_code_point(s, i);
}

char32_t last_code_point(std::string_view s) {
  std::size_t i = s.size();
  return s.empty() ? 0 : previous_code_point(s, i);
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
    return;
  }
  std::uint8_t buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, static_cast<UChar32>(cp));
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

#pragma GCC diagnostic pop

std::int64_t count_code_points(std::string_view s) {
  std::int64_t n = 0;
  for (char c : s)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view first_code_points(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t k = 0; k < n && i < s.size(); ++k)
    next_code_point(s, i);
  return s.substr(0, i);
}

std::string_view prefix_bytes(std::string_view s, std::size_t limit) {
  if (s.size() <= limit)
    return s;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
    --end;
  return s.substr(0, end);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wconversion"
std::size_t ill_formed_length(std::string_view s, std::size_t i, std::size_t* length) {
  UChar32 c = 0;
  auto offset = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), offset, static_cast<int32_t>(s.size()),
          c);
  const auto n = static_cast<std::size_t>(offset) - i;
  if (c >= 0) {
    if (length)
      *length = n;
    return 0;
  }
  return n;
}
#pragma GCC diagnostic pop

bool is_valid_utf8(std::string_view bytes, std::size_t* bad_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    // Fast path over ASCII, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull)
        break;
      i += 8;
    }
    if (i >= n)
      break;
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    // Chinese text is almost all three-byte sequences (U+0800..U+FFFF): check those inline,
    // leaving surrogates (ED A0..BF) and the rest to the full check.
    if (i + 3 <= n && (s[i] & 0xF0) == 0xE0 && (s[i + 1] & 0xC0) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80 && (s[i] != 0xE0 || s[i + 1] >= 0xA0) &&
        (s[i] != 0xED || s[i + 1] < 0xA0)) {
      i += 3;
      continue;
    }
    std::size_t length = 0;
    if (ill_formed_length(bytes, i, &length) > 0) {
      if (bad_offset)
        *bad_offset = i;
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace corpus_clean::text

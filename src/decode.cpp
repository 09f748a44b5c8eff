// Decoding: UTF-8 validation, BOM removal and line-end folding.
#include "corpus_clean/decode.hpp"

#include <cstdint>

namespace corpus_clean {

bool is_valid_utf8(std::string_view bytes, std::size_t* bad_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    // Fast path over ASCII, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      __builtin_memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull)
        break;
      i += 8;
    }
    if (i >= n)
      break;
    const unsigned char c = s[i];
    std::size_t len;
    std::uint32_t min;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07u;
    } else {
      if (bad_offset)
        *bad_offset = i;
      return false;
    }
    if (i + len > n) {
      if (bad_offset)
        *bad_offset = i;
      return false;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) {
        if (bad_offset)
          *bad_offset = i;
        return false;
      }
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      if (bad_offset)
        *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

Result<Decoded> decode(std::string bytes) {
  std::size_t start = 0;
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0)
    start = 3;
  std::size_t bad = 0;
  if (!is_valid_utf8(std::string_view(bytes).substr(start), &bad)) {
    return make_error(
        ErrorCode::invalid_utf8, Stage::decode,
        "not valid UTF-8 (first bad byte at offset " + std::to_string(bad + start) + ")");
  }
  // Fold CRLF and lone CR to LF in place.
  std::string& text = bytes;
  std::size_t out = 0;
  for (std::size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      text[out++] = '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n')
        ++i;
    } else {
      text[out++] = c;
    }
  }
  text.resize(out);
  return Decoded{std::move(text), "UTF-8"};
}

}  // namespace corpus_clean

// Stage 3, decode: bytes to UTF-8 text with one kind of line end. A UTF-8 byte-order mark is
// stripped; CRLF and lone CR become LF.
#pragma once

#include <string>
#include <string_view>

#include "corpus_clean/error.hpp"

namespace corpus_clean {

struct Decoded {
  std::string text;
  std::string encoding;  // what the bytes were, e.g. "UTF-8"
};

Result<Decoded> decode(std::string bytes);

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
// On failure, `*bad_offset` is the offset of the first byte that is not.
bool is_valid_utf8(std::string_view bytes, std::size_t* bad_offset = nullptr);

}  // namespace corpus_clean

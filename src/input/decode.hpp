// Stage 3, decode: bytes to UTF-8 text with one kind of line end, for any encoding Chinese news
// pages are found in. gumbo and every later stage see well-formed UTF-8 with no NUL in it.
//
//   1. A byte-order mark decides: UTF-8, UTF-16LE/BE or UTF-32LE/BE (the mark is stripped).
//   2. Valid UTF-8 is taken as it is (the fast path: no ICU).
//   3. Bytes that are mostly UTF-8 (at least four valid multi-byte bytes per invalid one) stay
//      UTF-8: each invalid sequence becomes U+FFFD.
//   4. A front matter in UTF-8 over a body that is not (a mirror's metadata over a page's own
//      bytes): each part is decoded on its own, the body as 5 and 6 say, and the encoding
//      reads e.g. "GB18030 (front matter UTF-8)".
//   5. Else the declared encoding is taken, when ICU knows it: the container's (an HTTP
//      Content-Type's charset, in the hints), else an HTML <meta charset=...> (or http-equiv
//      Content-Type) in the first 4 KB. When more than one byte in 200 cannot be read in it and
//      the detector reads them better, the detector wins and a note says so; valid UTF-8
//      under a legacy declaration is read as UTF-8, with a note.
//   6. Else ICU's charset detector guesses (GB2312/GBK become GB18030, their superset); a guess
//      below a low confidence falls back to UTF-8 with U+FFFD.
// Bytes a converter cannot map become U+FFFD; NUL bytes become U+FFFD too (one per run);
// CRLF and lone CR become LF. Decoding never fails: garbage in, text with U+FFFD out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "corpus_clean/error.hpp"

namespace corpus_clean {

struct Decoded {
  std::string text;
  std::string encoding;      // what the bytes were, e.g. "UTF-8", "GB18030", "Big5", "UTF-16LE"
  std::size_t replaced = 0;  // input bytes (invalid, unmappable or NUL) replaced by U+FFFD
  std::string note;          // a declaration the bytes contradict, for a warning
};

// What the place a document came from declares about its bytes.
struct DecodeHints {
  std::string charset;  // e.g. an HTTP Content-Type's charset; "" for none
};

// Always ok(); kept a Result so that a future hard limit can fail a document.
Result<Decoded> decode(std::string bytes, const DecodeHints& hints = {});

// The encoding an HTML <meta> tag in the first 4 KB of `bytes` declares, as written (e.g.
// "gb2312"), or "" when there is none.
std::string declared_html_charset(std::string_view bytes);

}  // namespace corpus_clean

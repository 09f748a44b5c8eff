// Stage 2, read: an HTTP response as a crawl stores it (a WARC response record's block) to the
// payload a browser would render: the status line and headers parsed, chunked transfer
// encoding and the Content-Encoding (gzip, deflate, zstd) undone, and what kind of payload it
// is (HTML, plain text, or neither) by its Content-Type, else by its bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corpus_clean/error.hpp"

namespace corpus_clean {

// Header fields as written, in order; names compared without regard to ASCII case.
using HeaderFields = std::vector<std::pair<std::string, std::string>>;
std::optional<std::string_view> header_field(const HeaderFields& fields, std::string_view name);

// "Name: value" lines (CRLF or LF), as HTTP and WARC write them; a line that starts with a space
// or a tab continues the value before it. Lines with no colon are passed over.
HeaderFields parse_header_fields(std::string_view lines);

// Where the blank line that ends a header is in `bytes`: {its start, its length with the line
// end before it}, or nullopt. Tolerates LF for CRLF, as crawlers' own tools do.
std::optional<std::pair<std::size_t, std::size_t>> find_header_end(std::string_view bytes,
                                                                   std::size_t from = 0);

struct HttpResponse {
  int status = 0;
  HeaderFields headers;
  std::string_view body;  // as sent: still chunked or compressed when the headers say so
};

// The status line ("HTTP/1.1 200 OK"), the header fields and the body of `block`, which the
// result's body points into. A block that does not open with a status line, or whose header
// never ends, is malformed_record.
Result<HttpResponse> parse_http_response(std::string_view block);

// The body with Transfer-Encoding: chunked and the Content-Encoding undone, at most max_bytes
// (else too_large). A chunked body cut short keeps the chunks it has; a body that only claims to
// be chunked or compressed (a crawler that decoded it and kept the header) is taken as it is.
// Brotli and other codings: unsupported_encoding.
Result<std::string> decode_http_body(const HttpResponse& response, std::uint64_t max_bytes);
// The same, giving up `block`, the bytes the response was parsed from: a body that is not
// chunked (most are not) is cut out of them in place, not copied.
Result<std::string> decode_http_body(const HttpResponse& response, std::string&& block,
                                     std::uint64_t max_bytes);

// A Content-Type's media type (lower case, no parameters) and charset parameter.
struct MediaType {
  std::string type;     // "text/html"; "" when none is given
  std::string charset;  // "gbk"; "" when none is given
};
MediaType parse_media_type(std::string_view content_type);

enum class PayloadKind { html, text, other };

// What a payload is: the Content-Type decides (text/html and application/xhtml+xml are HTML,
// text/plain and text/markdown text, anything else other), except when it says nothing useful
// (none, application/octet-stream, unknown/unknown): then the bytes do, as browsers sniff them
// (an HTML tag first: HTML; binary data: other; else text). Binary data is other whatever the
// Content-Type says.
PayloadKind classify_payload(const MediaType& media, std::string_view bytes);

}  // namespace corpus_clean

// An HTTP response as a crawl stores it, to its payload (http.hpp).
#include "input/http.hpp"

#include <algorithm>
#include <charconv>

#include "input/inflate.hpp"
#include "input/read.hpp"
#include "text/strings.hpp"

namespace corpus_clean {
namespace {

constexpr std::size_t kSniffBytes = 1024;  // how far an HTML tag is looked for

Error malformed(std::string detail) {
  return make_error(ErrorCode::malformed_record, Stage::read, std::move(detail));
}

// The tags that make bytes HTML when they come first (after spaces), as the WHATWG MIME
// sniffing algorithm lists them; each must be followed by a space or '>'.
bool starts_like_html(std::string_view bytes) {
  static constexpr std::string_view kTags[] = {"<!doctype html",
                                               "<html",
                                               "<head",
                                               "<script",
                                               "<iframe",
                                               "<h1",
                                               "<div",
                                               "<font",
                                               "<table",
                                               "<a",
                                               "<style",
                                               "<title",
                                               "<b",
                                               "<body",
                                               "<br",
                                               "<p",
                                               "<!--"};
  if (bytes.starts_with("\xEF\xBB\xBF"))
    bytes.remove_prefix(3);
  std::size_t i = 0;
  while (i < bytes.size() && i < kSniffBytes && text::is_ascii_space(bytes[i]))
    ++i;
  bytes.remove_prefix(i);
  for (std::string_view tag : kTags) {
    if (bytes.size() > tag.size() && text::starts_with_ignoring_case(bytes, tag) &&
        (tag == "<!--" || bytes[tag.size()] == '>' || text::is_ascii_space(bytes[tag.size()]))) {
      return true;
    }
  }
  return false;
}

// Signatures of binary formats that hold no NUL byte early (PDF's header is plain ASCII).
bool starts_like_binary(std::string_view bytes) {
  for (std::string_view magic :
       {std::string_view("%PDF-"), std::string_view("\x89PNG"), std::string_view("GIF8"),
        std::string_view("\xFF\xD8\xFF"), std::string_view("PK\x03\x04"),
        std::string_view("\x1F\x8B"), std::string_view("%!PS")}) {
    if (bytes.starts_with(magic))
      return true;
  }
  return looks_binary(bytes);
}

// The chunks of a chunked body joined; nullopt when `body` does not start with a chunk-size
// line (a crawler that decoded the body and kept the header).
std::optional<std::string> unchunk(std::string_view body, std::uint64_t max_bytes, bool& too_big) {
  std::string out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    const std::size_t eol = body.find('\n', pos);
    std::string_view line = body.substr(pos, eol == std::string_view::npos ? body.npos : eol - pos);
    line = text::trim(line.substr(0, line.find(';')));  // chunk extensions are ignored
    std::uint64_t size = 0;
    const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), size, 16);
    if (ec != std::errc() || end != line.data() + line.size() || line.empty()) {
      if (pos == 0)
        return std::nullopt;
      break;  // what follows is not a chunk: keep what came before it
    }
    if (size == 0 || eol == std::string_view::npos)
      break;  // the last chunk (trailers follow), or a body cut short
    pos = eol + 1;
    const std::size_t take =
        static_cast<std::size_t>(std::min<std::uint64_t>(size, body.size() - pos));
    if (out.size() + take > max_bytes) {
      too_big = true;
      return out;
    }
    out.append(body.substr(pos, take));
    pos += take;
    if (pos < body.size() && body[pos] == '\r')  // the line end after the chunk's data
      ++pos;
    if (pos < body.size() && body[pos] == '\n')
      ++pos;
  }
  return out;
}

bool has_token(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    if (text::equals_ignoring_case(text::trim(list.substr(0, comma)), token))
      return true;
    if (comma == std::string_view::npos)
      break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::optional<std::string_view> header_field(const HeaderFields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (text::equals_ignoring_case(key, name))
      return value;
  }
  return std::nullopt;
}

HeaderFields parse_header_fields(std::string_view lines) {
  HeaderFields fields;
  while (!lines.empty()) {
    const std::size_t eol = lines.find('\n');
    std::string_view line = lines.substr(0, eol);
    lines.remove_prefix(eol == std::string_view::npos ? lines.size() : eol + 1);
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !fields.empty()) {
      std::string& value = fields.back().second;
      value += ' ';
      value += text::trim(line);
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
      continue;
    fields.emplace_back(std::string(text::trim(line.substr(0, colon))),
                        std::string(text::trim(line.substr(colon + 1))));
  }
  return fields;
}

std::optional<std::pair<std::size_t, std::size_t>> find_header_end(std::string_view bytes,
                                                                   std::size_t from) {
  for (std::size_t i = bytes.find('\n', from); i != std::string_view::npos;
       i = bytes.find('\n', i + 1)) {
    std::size_t next = i + 1;
    if (next < bytes.size() && bytes[next] == '\r')
      ++next;
    if (next < bytes.size() && bytes[next] == '\n') {
      const std::size_t end = i > 0 && bytes[i - 1] == '\r' ? i - 1 : i;
      return std::pair{end, next + 1 - end};
    }
  }
  return std::nullopt;
}

Result<HttpResponse> parse_http_response(std::string_view block) {
  if (!block.starts_with("HTTP/")) {
    return malformed("the response does not open with an HTTP status line (found '" +
                     std::string(block.substr(0, std::min<std::size_t>(block.find('\n'), 40))) +
                     "')");
  }
  const std::optional<std::pair<std::size_t, std::size_t>> end = find_header_end(block);
  // A response with no body may end right after its header fields.
  const std::size_t head_end = end ? end->first : block.size();
  const std::string_view head = block.substr(0, head_end);
  const std::size_t eol = head.find('\n');
  const std::string_view status_line = text::trim(head.substr(0, eol));
  const std::size_t space = status_line.find(' ');
  int status = 0;
  const std::string_view code =
      space == std::string_view::npos ? std::string_view() : status_line.substr(space + 1, 3);
  const auto [ptr, ec] = std::from_chars(code.data(), code.data() + code.size(), status);
  if (ec != std::errc() || ptr != code.data() + code.size() || code.size() != 3) {
    return malformed("bad HTTP status line '" + std::string(status_line.substr(0, 60)) + "'");
  }
  HttpResponse response;
  response.status = status;
  response.headers = parse_header_fields(eol == std::string_view::npos ? std::string_view()
                                                                       : head.substr(eol + 1));
  response.body = end ? block.substr(end->first + end->second) : std::string_view();
  return response;
}

namespace {

// The body as sent, out of `block` (the bytes the response was parsed from) in place when it is
// given, else copied.
std::string sent_body(const HttpResponse& response, std::string* block) {
  if (!block)
    return std::string(response.body);
  const std::size_t start = response.body.empty()
                                ? block->size()
                                : static_cast<std::size_t>(response.body.data() - block->data());
  block->erase(0, start);
  block->resize(response.body.size());
  return std::move(*block);
}

Result<std::string> decode(const HttpResponse& response, std::string* block,
                           std::uint64_t max_bytes) {
  const std::optional<std::string_view> transfer =
      header_field(response.headers, "Transfer-Encoding");
  bool too_big = false;
  std::optional<std::string> unchunked;
  if (transfer && has_token(*transfer, "chunked"))
    unchunked = unchunk(response.body, max_bytes, too_big);
  if (too_big)
    return over_limit(max_bytes, "the payload is");
  std::string body = unchunked ? std::move(*unchunked) : sent_body(response, block);
  if (body.size() > max_bytes)
    return over_limit(max_bytes, "the payload is");

  const std::string coding = text::ascii_lower(
      text::trim(header_field(response.headers, "Content-Encoding").value_or("")));
  if (coding.empty() || coding == "identity")
    return body;
  if (coding == "gzip" || coding == "x-gzip") {
    if (!body.starts_with("\x1F\x8B"))
      return body;  // already decoded
    return gunzip(body, max_bytes);
  }
  if (coding == "deflate")
    return inflate_deflate(body, max_bytes);
  if (coding == "zstd") {
    if (!body.starts_with("\x28\xB5\x2F\xFD"))
      return body;
    return unzstd(body, max_bytes);
  }
  return make_error(ErrorCode::unsupported_encoding, Stage::read,
                    "the payload's Content-Encoding '" + coding + "' cannot be undone");
}

}  // namespace

Result<std::string> decode_http_body(const HttpResponse& response, std::uint64_t max_bytes) {
  return decode(response, nullptr, max_bytes);
}

Result<std::string> decode_http_body(const HttpResponse& response, std::string&& block,
                                     std::uint64_t max_bytes) {
  return decode(response, &block, max_bytes);
}

MediaType parse_media_type(std::string_view content_type) {
  MediaType media;
  const std::size_t semicolon = content_type.find(';');
  media.type = text::ascii_lower(text::trim(content_type.substr(0, semicolon)));
  std::string_view params =
      semicolon == std::string_view::npos ? std::string_view() : content_type.substr(semicolon + 1);
  while (!params.empty()) {
    const std::size_t next = params.find(';');
    const std::string_view param = params.substr(0, next);
    const std::size_t equals = param.find('=');
    if (equals != std::string_view::npos &&
        text::equals_ignoring_case(text::trim(param.substr(0, equals)), "charset")) {
      std::string_view value = text::trim(param.substr(equals + 1));
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
          value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
      }
      media.charset = std::string(text::trim(value));
    }
    if (next == std::string_view::npos)
      break;
    params.remove_prefix(next + 1);
  }
  return media;
}

PayloadKind classify_payload(const MediaType& media, std::string_view bytes) {
  if (starts_like_binary(bytes))
    return PayloadKind::other;
  const std::string& type = media.type;
  if (type == "text/html" || type == "application/xhtml+xml")
    return PayloadKind::html;
  if (type == "text/plain" || type == "text/markdown" || type == "text/x-markdown")
    return PayloadKind::text;
  const bool says_nothing = type.empty() || type == "application/octet-stream" ||
                            type == "unknown/unknown" || type == "application/unknown" ||
                            type == "*/*";
  if (!says_nothing)
    return PayloadKind::other;
  return starts_like_html(bytes) ? PayloadKind::html : PayloadKind::text;
}

}  // namespace corpus_clean

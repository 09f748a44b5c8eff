// HTTP responses as crawls store them: the head parsed, the body de-chunked and decompressed,
// the Content-Type read, the payload told HTML, text or neither.
#include "input/http.hpp"

#include <gtest/gtest.h>

#include "container_builder.hpp"

namespace corpus_clean {
namespace {

TEST(HeaderFields, NamesAnyCaseContinuationLinesNoColonPassedOver) {
  const HeaderFields fields = parse_header_fields(
      "Content-Type: text/html\r\nX-Long: a\r\n  b\r\nno colon here\r\n"
      "Set-Cookie: x=1\nContent-Length:  12 \r\n");
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(header_field(fields, "content-type"), "text/html");
  EXPECT_EQ(header_field(fields, "X-LONG"), "a b");
  EXPECT_EQ(header_field(fields, "content-length"), "12");
  EXPECT_FALSE(header_field(fields, "Location").has_value());
}

TEST(HeaderFields, TheBlankLineThatEndsAHeader) {
  struct Row {
    std::string bytes;
    std::optional<std::pair<std::size_t, std::size_t>> end;
  };
  const Row rows[] = {
      {"A: b\r\n\r\nbody", std::pair<std::size_t, std::size_t>{4, 4}},
      {"A: b\n\nbody", std::pair<std::size_t, std::size_t>{4, 2}},
      {"A: b\r\n\nbody", std::pair<std::size_t, std::size_t>{4, 3}},
      {"A: b\r\nC: d\r\n", std::nullopt},  // not ended yet
      {"A: b\r\n \r\n", std::nullopt},     // a line of a space continues, it does not end
  };
  for (const Row& row : rows)
    EXPECT_EQ(find_header_end(row.bytes), row.end) << row.bytes;
}

TEST(HttpResponse, StatusHeadersAndBody) {
  struct Row {
    std::string block;
    int status;  // 0: malformed
    std::string body;
  };
  const Row rows[] = {
      {"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>正文</p>", 200, "<p>正文</p>"},
      {"HTTP/1.0 301 Moved Permanently\r\nLocation: /a\r\n\r\n", 301, ""},
      {"HTTP/2 404\r\n\r\nmissing", 404, "missing"},
      {"HTTP/1.1 204 No Content\r\nServer: x", 204, ""},  // no blank line: a head with no body
      {"HTTP/1.1 200 OK\n\nLF only", 200, "LF only"},
      {"<html>not a response</html>", 0, ""},
      {"HTTP/1.1 OK\r\n\r\n", 0, ""},
      {"HTTP/1.1 20x OK\r\n\r\n", 0, ""},
  };
  for (const Row& row : rows) {
    Result<HttpResponse> response = parse_http_response(row.block);
    if (row.status == 0) {
      ASSERT_FALSE(response.ok()) << row.block;
      EXPECT_EQ(response.error().code, ErrorCode::malformed_record) << row.block;
      continue;
    }
    ASSERT_TRUE(response.ok()) << row.block;
    EXPECT_EQ(response->status, row.status) << row.block;
    EXPECT_EQ(response->body, row.body) << row.block;
  }
}

TEST(HttpBody, ChunkedAndContentEncodingUndone) {
  const std::string page = "<html><body><p>国务院常务会议部署优化营商环境。</p></body></html>";
  using testing::chunked;
  using testing::deflate_with;
  using testing::gzip_member;
  struct Row {
    const char* name;
    testing::Fields headers;
    std::string body;
    std::string expected;  // "" with `error` set: fails
    ErrorCode error = ErrorCode::unreadable;
  };
  const Row rows[] = {
      {"identity", {}, page, page},
      {"chunked", {{"Transfer-Encoding", "chunked"}}, chunked(page, 7), page},
      {"gzip", {{"Content-Encoding", "gzip"}}, gzip_member(page), page},
      {"chunked gzip",
       {{"Transfer-Encoding", "chunked"}, {"Content-Encoding", "GZIP"}},
       chunked(gzip_member(page), 10),
       page},
      {"x-gzip", {{"Content-Encoding", "x-gzip"}}, gzip_member(page), page},
      {"deflate, zlib-wrapped", {{"Content-Encoding", "deflate"}}, deflate_with(page, 15), page},
      {"deflate, raw", {{"Content-Encoding", "deflate"}}, deflate_with(page, -15), page},
      {"zstd", {{"Content-Encoding", "zstd"}}, testing::zstd_frame(page), page},
      // A crawler that decoded the body and kept the header (wget -O, some proxies).
      {"says chunked, is not", {{"Transfer-Encoding", "chunked"}}, page, page},
      {"says gzip, is not", {{"Content-Encoding", "gzip"}}, page, page},
      {"chunked, cut short",
       {{"Transfer-Encoding", "chunked"}},
       chunked(page, 7).substr(0, 31),
       page.substr(0, 11)},  // 7 bytes, then 4 of 7
      {"brotli", {{"Content-Encoding", "br"}}, "\x1b\x03", "", ErrorCode::unsupported_encoding},
      {"gzip, corrupt",
       {{"Content-Encoding", "gzip"}},
       testing::corrupt_gzip_member(),
       "",
       ErrorCode::unreadable},
  };
  for (const Row& row : rows) {
    const std::string block = testing::http("HTTP/1.1 200 OK", row.headers, row.body);
    Result<HttpResponse> response = parse_http_response(block);
    ASSERT_TRUE(response.ok()) << row.name;
    // Copied out of the block, and cut out of it in place: the same bytes, the same errors.
    std::string given_up = block;
    Result<HttpResponse> in_place = parse_http_response(given_up);
    ASSERT_TRUE(in_place.ok()) << row.name;
    for (Result<std::string> body : {decode_http_body(*response, 1 << 20),
                                     decode_http_body(*in_place, std::move(given_up), 1 << 20)}) {
      if (row.expected.empty()) {
        ASSERT_FALSE(body.ok()) << row.name;
        EXPECT_EQ(body.error().code, row.error) << row.name;
      } else {
        ASSERT_TRUE(body.ok()) << row.name << ": " << body.error().detail;
        EXPECT_EQ(*body, row.expected) << row.name;
      }
    }
  }
}

TEST(HttpBody, OverTheLimitDecompressedOrNot) {
  const std::string big(5000, 'x');
  for (const testing::Fields& headers :
       {testing::Fields{}, testing::Fields{{"Content-Encoding", "gzip"}},
        testing::Fields{{"Transfer-Encoding", "chunked"}}}) {
    const bool gzip = !headers.empty() && headers[0].first == "Content-Encoding";
    const bool chunks = !headers.empty() && !gzip;
    const std::string body = gzip     ? testing::gzip_member(big)
                             : chunks ? testing::chunked(big, 1000)
                                      : big;
    const std::string block = testing::http("HTTP/1.1 200 OK", headers, body);
    Result<std::string> decoded = decode_http_body(parse_http_response(block).value(), 4999);
    ASSERT_FALSE(decoded.ok()) << block.substr(0, 60);
    EXPECT_EQ(decoded.error().code, ErrorCode::too_large);
    EXPECT_TRUE(decode_http_body(parse_http_response(block).value(), 5000).ok());
    std::string given_up = block;
    const HttpResponse response = parse_http_response(given_up).value();
    decoded = decode_http_body(response, std::move(given_up), 4999);
    ASSERT_FALSE(decoded.ok()) << block.substr(0, 60);
    EXPECT_EQ(decoded.error().code, ErrorCode::too_large);
  }
}

TEST(MediaType, TypeAndCharset) {
  struct Row {
    std::string in;
    std::string type;
    std::string charset;
  };
  const Row rows[] = {
      {"text/html; charset=GBK", "text/html", "GBK"},
      {"Text/HTML;Charset=\"utf-8\"", "text/html", "utf-8"},
      {"text/html; boundary=x; charset='gb2312' ", "text/html", "gb2312"},
      {"application/pdf", "application/pdf", ""},
      {"text/plain; format=flowed", "text/plain", ""},
      {"", "", ""},
  };
  for (const Row& row : rows) {
    const MediaType media = parse_media_type(row.in);
    EXPECT_EQ(media.type, row.type) << row.in;
    EXPECT_EQ(media.charset, row.charset) << row.in;
  }
}

TEST(Payload, ContentTypeDecidesUnlessItSaysNothingBinaryNeverADocument) {
  struct Row {
    std::string type;
    std::string bytes;
    PayloadKind kind;
  };
  const std::string html = "<!DOCTYPE html><html><body>正文</body></html>";
  const Row rows[] = {
      {"text/html", html, PayloadKind::html},
      {"application/xhtml+xml", html, PayloadKind::html},
      {"text/plain", "正文", PayloadKind::text},
      {"text/markdown", "# 标题", PayloadKind::text},
      {"application/pdf", "%PDF-1.7", PayloadKind::other},
      {"image/png", "\x89PNG\r\n", PayloadKind::other},
      {"text/css", "body{}", PayloadKind::other},
      {"application/javascript", "var a;", PayloadKind::other},
      {"application/json", "{}", PayloadKind::other},
      // Says nothing: the bytes decide.
      {"", "  <html><body>x</body></html>", PayloadKind::html},
      {"application/octet-stream", "\xEF\xBB\xBF<!doctype HTML>", PayloadKind::html},
      {"", "<p>段落</p>", PayloadKind::html},
      {"", "<pre>code</pre>", PayloadKind::text},  // not a tag that says HTML
      {"", "纯文本", PayloadKind::text},
      {"", "%PDF-1.4 ...", PayloadKind::other},
      {"unknown/unknown", std::string("GIF89a\0\0", 8), PayloadKind::other},
      // Binary bytes under a text type: not a document either.
      {"text/html", std::string("PK\x03\x04zip", 7), PayloadKind::other},
      {"text/plain", std::string("a\0b", 3), PayloadKind::other},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(classify_payload(parse_media_type(row.type), row.bytes), row.kind)
        << row.type << " / " << row.bytes;
  }
}

}  // namespace
}  // namespace corpus_clean

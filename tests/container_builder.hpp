// Builds container files in the tests themselves: WARC records, HTTP responses, chunked
// bodies, gzip members and zstd frames, so that each test says exactly which bytes it reads.
#pragma once

#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corpus_clean::testing {

using Fields = std::vector<std::pair<std::string, std::string>>;

// One WARC/1.1 record with these header fields (Content-Length added unless given), the block
// and the two line ends after it.
inline std::string warc_record(const Fields& fields, std::string_view block,
                               std::string_view version = "WARC/1.1") {
  std::string out = std::string(version) + "\r\n";
  bool has_length = false;
  for (const auto& [name, value] : fields) {
    out += name + ": " + value + "\r\n";
    has_length = has_length || name == "Content-Length";
  }
  if (!has_length)
    out += "Content-Length: " + std::to_string(block.size()) + "\r\n";
  out += "\r\n";
  out += block;
  out += "\r\n\r\n";
  return out;
}

// A record of `type` for `uri` with the usual fields; `id` becomes <urn:uuid:ID>.
inline std::string warc(std::string_view type, std::string_view uri, std::string_view id,
                        std::string_view content_type, std::string_view block, Fields more = {}) {
  Fields fields{{"WARC-Type", std::string(type)},
                {"WARC-Record-ID", "<urn:uuid:" + std::string(id) + ">"},
                {"WARC-Date", "2024-05-10T06:58:00Z"}};
  if (!uri.empty())
    fields.emplace_back("WARC-Target-URI", std::string(uri));
  if (!content_type.empty())
    fields.emplace_back("Content-Type", std::string(content_type));
  fields.insert(fields.end(), more.begin(), more.end());
  return warc_record(fields, block);
}

inline std::string http(std::string_view status_line, const Fields& headers,
                        std::string_view body) {
  std::string out = std::string(status_line) + "\r\n";
  for (const auto& [name, value] : headers)
    out += name + ": " + value + "\r\n";
  return out + "\r\n" + std::string(body);
}

// A response record of an HTTP response.
inline std::string response(std::string_view uri, std::string_view id, std::string_view status_line,
                            const Fields& headers, std::string_view body) {
  return warc("response", uri, id, "application/http; msgtype=response",
              http(status_line, headers, body));
}

inline std::string chunked(std::string_view body, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < body.size(); i += size) {
    const std::string_view piece = body.substr(i, size);
    std::string length;
    for (std::size_t n = piece.size(); n > 0; n /= 16)
      length.insert(length.begin(), kHex[n % 16]);
    out += length + ";ext=1\r\n" + std::string(piece) + "\r\n";
  }
  return out + "0\r\nX-Trailer: 1\r\n\r\n";
}

// zlib's deflate with `window_bits`: 16 + 15 for a gzip member, 15 zlib, -15 raw deflate.
inline std::string deflate_with(std::string_view bytes, int window_bits) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END)
    throw std::runtime_error("deflate");
  return out;
}

inline std::string gzip_member(std::string_view bytes) {
  return deflate_with(bytes, 16 + MAX_WBITS);
}

// A gzip member per record, as crawlers write .warc.gz files.
inline std::string gzip_each(const std::vector<std::string>& records) {
  std::string out;
  for (const std::string& r : records)
    out += gzip_member(r);
  return out;
}

// A gzip header, then deflate data of a reserved block type: zlib fails at once.
inline std::string corrupt_gzip_member() {
  return std::string("\x1f\x8b\x08\0\0\0\0\0\0\xff", 10) + std::string(32, '\xff');
}

inline std::string zstd_frame(std::string_view bytes, std::string_view dictionary = {}) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  const std::size_t n =
      ZSTD_compress_usingDict(cctx, out.data(), out.size(), bytes.data(), bytes.size(),
                              dictionary.data(), dictionary.size(), 3);
  ZSTD_freeCCtx(cctx);
  if (ZSTD_isError(n))
    throw std::runtime_error("zstd");
  out.resize(n);
  return out;
}

// The skippable frame a .warc.zst opens with to carry its dictionary (magic 0x184D2A5D).
inline std::string zstd_dictionary_frame(std::string_view dictionary) {
  std::string out("\x5d\x2a\x4d\x18", 4);
  for (int i = 0; i < 4; ++i)
    out += static_cast<char>((dictionary.size() >> (8 * i)) & 0xFF);
  return out + std::string(dictionary);
}

}  // namespace corpus_clean::testing

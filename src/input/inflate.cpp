// Whole-buffer decompression under a size limit (inflate.hpp).
#include "input/inflate.hpp"

#include <zlib.h>
#include <zstd.h>

#include <memory>

namespace corpus_clean {
namespace {

Error corrupt(const std::string& what) {
  return make_error(ErrorCode::unreadable, Stage::read, "cannot decompress: " + what);
}

// zlib's inflate with `window_bits` (16 + 15: gzip, 15: zlib, -15: raw deflate); with
// `members`, a stream end followed by more input starts the next gzip member.
Result<std::string> inflate_with(std::string_view compressed, std::uint64_t max_bytes,
                                 int window_bits, bool members) {
  z_stream stream{};
  if (inflateInit2(&stream, window_bits) != Z_OK)
    return corrupt("zlib initialisation failed");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
  std::string out;
  char buffer[1 << 16];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc == Z_STREAM_END && stream.avail_in > 0 && members) {
      out.append(buffer, sizeof buffer - stream.avail_out);
      if (inflateReset(&stream) != Z_OK)
        return corrupt("bad gzip member");
      rc = Z_OK;
      continue;
    }
    if (rc != Z_OK && rc != Z_STREAM_END) {
      return corrupt(stream.msg ? stream.msg : "truncated or corrupt gzip data");
    }
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > max_bytes)
      return over_limit(max_bytes, "decompressed, the input is");
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      return corrupt("truncated gzip data");
    }
  }
  return out;
}

}  // namespace

std::string human_size(std::uint64_t bytes) {
  if (bytes >= (1ull << 20))
    return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1ull << 10))
    return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

Error over_limit(std::uint64_t max_bytes, std::string_view what) {
  return make_error(
      ErrorCode::too_large, Stage::read,
      std::string(what) + " over the limit of " + human_size(max_bytes) + " (--max-bytes)");
}

Result<std::string> gunzip(std::string_view compressed, std::uint64_t max_bytes) {
  return inflate_with(compressed, max_bytes, 16 + MAX_WBITS, true);
}

Result<std::string> inflate_deflate(std::string_view compressed, std::uint64_t max_bytes) {
  // A zlib stream starts with a header whose first byte names the method (8, deflate) and
  // whose two bytes are a multiple of 31; anything else is taken for raw deflate.
  const bool zlib_header =
      compressed.size() >= 2 && (static_cast<unsigned char>(compressed[0]) & 0x0F) == 8 &&
      ((static_cast<unsigned>(static_cast<unsigned char>(compressed[0])) << 8) |
       static_cast<unsigned char>(compressed[1])) %
              31 ==
          0;
  return inflate_with(compressed, max_bytes, zlib_header ? MAX_WBITS : -MAX_WBITS, false);
}

Result<std::string> unzstd(std::string_view compressed, std::uint64_t max_bytes) {
  std::unique_ptr<ZSTD_DStream, std::size_t (*)(ZSTD_DStream*)> stream(ZSTD_createDStream(),
                                                                       ZSTD_freeDStream);
  if (!stream)
    return corrupt("zstd initialisation failed");
  ZSTD_inBuffer in{compressed.data(), compressed.size(), 0};
  std::string out;
  char buffer[1 << 16];
  std::size_t rc = 0;
  while (in.pos < in.size) {
    ZSTD_outBuffer chunk{buffer, sizeof buffer, 0};
    rc = ZSTD_decompressStream(stream.get(), &chunk, &in);
    if (ZSTD_isError(rc))
      return corrupt(ZSTD_getErrorName(rc));
    out.append(buffer, chunk.pos);
    if (out.size() > max_bytes)
      return over_limit(max_bytes, "decompressed, the input is");
    if (chunk.pos == 0 && rc != 0 && in.pos == in.size)
      break;
  }
  // Flush what the decoder still holds.
  while (rc != 0) {
    ZSTD_outBuffer chunk{buffer, sizeof buffer, 0};
    rc = ZSTD_decompressStream(stream.get(), &chunk, &in);
    if (ZSTD_isError(rc))
      return corrupt(ZSTD_getErrorName(rc));
    if (chunk.pos == 0)
      break;
    out.append(buffer, chunk.pos);
    if (out.size() > max_bytes)
      return over_limit(max_bytes, "decompressed, the input is");
  }
  if (rc != 0)
    return corrupt("truncated zstd data");
  return out;
}

}  // namespace corpus_clean

// Reading a document's bytes: the size is checked before anything is loaded; `.gz` and `.zst`
// files are decompressed on the way in, under the same limit (a small bomb cannot grow past
// it); "-" reads standard input.
#include "input/read.hpp"

#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

namespace corpus_clean {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

std::string human_size(std::uint64_t bytes) {
  if (bytes >= (1ull << 20))
    return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1ull << 10))
    return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

Error too_large(std::uint64_t max_bytes, const char* what) {
  return make_error(
      ErrorCode::too_large, Stage::read,
      std::string(what) + " over the limit of " + human_size(max_bytes) + " (--max-bytes)");
}

// Reads a stream to its end, at most max_bytes + 1 bytes.
Result<std::string> read_stream(std::FILE* file, std::uint64_t max_bytes, std::size_t expected) {
  std::string bytes;
  if (expected > 0) {
    // The size is known: read straight into place, then look for growth.
    bytes.resize(expected);
    bytes.resize(std::fread(bytes.data(), 1, expected, file));
    if (bytes.size() < expected) {
      if (std::ferror(file)) {
        return make_error(ErrorCode::unreadable, Stage::read,
                          std::string("read error: ") + std::strerror(errno));
      }
      return bytes;
    }
  }
  char chunk[1 << 16];
  while (true) {
    const std::size_t n = std::fread(chunk, 1, sizeof chunk, file);
    bytes.append(chunk, n);
    if (bytes.size() > max_bytes)
      return too_large(max_bytes, "the input grew");
    if (n < sizeof chunk)
      break;
  }
  if (std::ferror(file)) {
    return make_error(ErrorCode::unreadable, Stage::read,
                      std::string("read error: ") + std::strerror(errno));
  }
  return bytes;
}

Error corrupt(const std::string& what) {
  return make_error(ErrorCode::unreadable, Stage::read, "cannot decompress: " + what);
}

Result<std::string> gunzip(const std::string& compressed, std::uint64_t max_bytes) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
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
    if (rc == Z_STREAM_END && stream.avail_in > 0) {
      // Concatenated gzip members, as `cat a.gz b.gz` makes: go on with the next.
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
      return too_large(max_bytes, "decompressed, the input is");
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      return corrupt("truncated gzip data");
    }
  }
  return out;
}

Result<std::string> unzstd(const std::string& compressed, std::uint64_t max_bytes) {
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
      return too_large(max_bytes, "decompressed, the input is");
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
      return too_large(max_bytes, "decompressed, the input is");
  }
  if (rc != 0)
    return corrupt("truncated zstd data");
  return out;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes) {
  if (path == "-")
    return read_stream(stdin, max_bytes, 0);
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    return make_error(ErrorCode::not_found, Stage::read, "no such file (it may have vanished)");
  }
  if (!fs::is_regular_file(st)) {
    return make_error(ErrorCode::not_a_regular_file, Stage::read, "not a regular file");
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > max_bytes) {
    return make_error(ErrorCode::too_large, Stage::read,
                      "file is " + human_size(size) + ", over the limit of " +
                          human_size(max_bytes) + " (--max-bytes)");
  }
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    const int err = errno;
    return make_error(err == ENOENT ? ErrorCode::not_found : ErrorCode::unreadable, Stage::read,
                      std::string("cannot open: ") + std::strerror(err));
  }
  Result<std::string> bytes = read_stream(file.get(), max_bytes, ec ? 0 : size);
  if (!bytes)
    return bytes;
  if (ends_with(path, ".gz"))
    return gunzip(*bytes, max_bytes);
  if (ends_with(path, ".zst"))
    return unzstd(*bytes, max_bytes);
  return bytes;
}

bool looks_binary(std::string_view bytes) {
  // Text in UTF-16 or UTF-32 holds NUL bytes; its byte-order mark says so.
  for (std::string_view bom :
       {std::string_view("\xFF\xFE\0\0", 4), std::string_view("\0\0\xFE\xFF", 4),
        std::string_view("\xFF\xFE"), std::string_view("\xFE\xFF")}) {
    if (bytes.starts_with(bom))
      return false;
  }
  return bytes.substr(0, kBinarySniffBytes).find('\0') != std::string_view::npos;
}

std::optional<bool> file_looks_binary(const std::string& path) {
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file)
    return std::nullopt;
  char head[kBinarySniffBytes];
  const std::size_t n = std::fread(head, 1, sizeof head, file.get());
  if (std::ferror(file.get()))
    return std::nullopt;
  return looks_binary(std::string_view(head, n));
}

}  // namespace corpus_clean

// Reading a document's bytes: the size is checked before anything is loaded; `.gz` and `.zst`
// files are decompressed on the way in, under the same limit (a small bomb cannot grow past
// it); "-" reads standard input.
#include "input/read.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include "input/inflate.hpp"

namespace corpus_clean {
namespace {

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
      return over_limit(max_bytes, "the input grew");
    if (n < sizeof chunk)
      break;
  }
  if (std::ferror(file)) {
    return make_error(ErrorCode::unreadable, Stage::read,
                      std::string("read error: ") + std::strerror(errno));
  }
  return bytes;
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

// Reading a document's bytes: the size is checked before anything is loaded.
#include "corpus_clean/read.hpp"

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

std::string human_size(std::uint64_t bytes) {
  if (bytes >= (1ull << 20))
    return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1ull << 10))
    return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes) {
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
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    const int err = errno;
    return make_error(err == ENOENT ? ErrorCode::not_found : ErrorCode::unreadable, Stage::read,
                      std::string("cannot open: ") + std::strerror(err));
  }
  std::string bytes;
  bytes.resize(ec ? 0 : static_cast<std::size_t>(size));
  std::size_t have = bytes.empty() ? 0 : std::fread(bytes.data(), 1, bytes.size(), file.get());
  bytes.resize(have);
  // The file may have grown since it was measured: read on, still within the limit.
  char chunk[65536];
  while (!std::ferror(file.get()) && !std::feof(file.get())) {
    const std::size_t n = std::fread(chunk, 1, sizeof chunk, file.get());
    bytes.append(chunk, n);
    if (bytes.size() > max_bytes) {
      return make_error(ErrorCode::too_large, Stage::read,
                        "file grew over the limit of " + human_size(max_bytes) +
                            " while being read (--max-bytes)");
    }
  }
  if (std::ferror(file.get())) {
    return make_error(ErrorCode::unreadable, Stage::read,
                      std::string("read error: ") + std::strerror(errno));
  }
  return bytes;
}

}  // namespace corpus_clean

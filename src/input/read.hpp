// Stage 2, read: a document's bytes, with a size limit checked before anything is loaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "corpus_clean/error.hpp"
#include "corpus_clean/options.hpp"

namespace corpus_clean {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes);

// How much of a file is looked at to tell text from binary data, as git and ripgrep do.
inline constexpr std::size_t kBinarySniffBytes = 8192;

// True when `bytes` look like binary data rather than text: a NUL byte in the first
// kBinarySniffBytes, unless they start with a UTF-16 or UTF-32 byte-order mark (text whose
// NUL bytes the decoder turns into characters).
bool looks_binary(std::string_view bytes);

// looks_binary() of the first kBinarySniffBytes of the file at `path`, as stored (not
// decompressed); nullopt when it cannot be read.
std::optional<bool> file_looks_binary(const std::string& path);

}  // namespace corpus_clean

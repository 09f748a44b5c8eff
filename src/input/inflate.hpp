// Stage 2, read: whole buffers decompressed under a size limit (a small bomb cannot grow past
// it): a `.gz`/`.zst` file's bytes, an HTTP payload's Content-Encoding.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "corpus_clean/error.hpp"

namespace corpus_clean {

// gzip data, concatenated members too (as `cat a.gz b.gz` makes them).
Result<std::string> gunzip(std::string_view compressed, std::uint64_t max_bytes);

// HTTP's "deflate": zlib-wrapped as the standard says, or raw deflate as some servers send it.
Result<std::string> inflate_deflate(std::string_view compressed, std::uint64_t max_bytes);

// zstd data, concatenated frames too.
Result<std::string> unzstd(std::string_view compressed, std::uint64_t max_bytes);

// "12 MiB", "3 KiB", "17 bytes".
std::string human_size(std::uint64_t bytes);

// too_large: "WHAT over the limit of 64 MiB (--max-bytes)".
Error over_limit(std::uint64_t max_bytes, std::string_view what);

}  // namespace corpus_clean

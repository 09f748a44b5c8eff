// Stage 2, read: a document's bytes, with a size limit checked before anything is loaded.
#pragma once

#include <cstdint>
#include <string>

#include "corpus_clean/error.hpp"
#include "corpus_clean/options.hpp"

namespace corpus_clean {

Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes);

}  // namespace corpus_clean

// What this build is: its version, the git revision it was built from, and the versions of
// the libraries it stands on (for --version and bug reports).
#pragma once

#include <string>
#include <string_view>

namespace corpus_clean {

std::string_view version();       // "0.1.0"
std::string_view git_revision();  // short hash, or "unknown" outside a git checkout
// "gumbo 0.10.1, ICU 72.1, yaml-cpp 0.7.0, RE2 …, xxHash 0.8.1, zlib …, zstd …"
std::string dependency_versions();

}  // namespace corpus_clean

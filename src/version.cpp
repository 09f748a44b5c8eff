// Build and dependency versions. Versions known only to the build system come in as
// compile definitions; the others are asked of the libraries themselves.
#include "corpus_clean/version.hpp"

#include <unicode/uversion.h>
#include <xxhash.h>
#include <zlib.h>
#include <zstd.h>

namespace corpus_clean {

std::string_view version() {
  return CORPUS_CLEAN_VERSION;
}

std::string_view git_revision() {
  return CORPUS_CLEAN_GIT_REVISION;
}

std::string dependency_versions() {
  UVersionInfo icu;
  u_getVersion(icu);
  char icu_version[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu, icu_version);
  const unsigned xxh = XXH_versionNumber();
  // Debian's re2.pc says 0.0.0: a version that says nothing is left out.
  const std::string re2 = std::string_view(CORPUS_CLEAN_RE2_VERSION) == "0.0.0"
                              ? std::string()
                              : std::string(" ") + CORPUS_CLEAN_RE2_VERSION;
  return std::string("gumbo ") + CORPUS_CLEAN_GUMBO_VERSION + ", ICU " + icu_version +
         ", yaml-cpp " + CORPUS_CLEAN_YAML_CPP_VERSION + ", RE2" + re2 + ", xxHash " +
         std::to_string(xxh / 10000) + "." + std::to_string(xxh / 100 % 100) + "." +
         std::to_string(xxh % 100) + ", zlib " + zlibVersion() + ", zstd " + ZSTD_versionString();
}

}  // namespace corpus_clean

# Every third-party dependency is found here, the ordinary way: Debian's packages, no vendored
# copies, no downloads at configure time.
find_package(PkgConfig REQUIRED)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(DEFLATE REQUIRED IMPORTED_TARGET libdeflate)
find_package(ZLIB REQUIRED)

find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(yaml-cpp REQUIRED)      # Debian's 0.7 exports the target `yaml-cpp`
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Threads REQUIRED)

if(CORPUS_CLEAN_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(CORPUS_CLEAN_BUILD_BENCH)
  find_package(benchmark QUIET)
endif()

# Warnings for the project's own targets only, through an interface target (never global flags).
add_library(corpus_clean_warnings INTERFACE)
target_compile_options(corpus_clean_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
  # GCC 12 reports impossible overlaps inside libstdc++'s std::string at -O3 (GCC bug
  # 105329); the warning says nothing about our code there.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  $<$<BOOL:${CORPUS_CLEAN_WERROR}>:-Werror>)

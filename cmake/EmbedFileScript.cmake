# Script half of embed_file(): writes the bytes of INPUT as a char array into OUTPUT.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/EmbedFileScript.cmake; do not edit.\n"
  "#include <string_view>\n\n"
  "namespace corpus_clean {\n"
  "namespace {\nconst char kBytes[] = {\n${bytes}'\\0'};\n}  // namespace\n"
  "extern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL}(kBytes, ${byte_count});\n"
  "}  // namespace corpus_clean\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")

// Stage: build and serialize the schema-v1 record (docs/DESIGN.md §2).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "corpus_clean/types.hpp"

namespace corpus_clean {

inline constexpr int kSchemaVersion = 1;

// xxh3-64 of `text` as 16 lower-case hex digits.
std::string text_hash(std::string_view text);

// Appends the record as one JSON line (with the '\n'): keys in schema order, every key
// present, CJK not escaped. In `id` and `path` each byte that is not part of well-formed UTF-8
// is written as the escape of a lone low surrogate, \udc80 to \udcff for the bytes 0x80 to
// 0xff (Python's "surrogateescape"), so the file's name comes back byte for byte; elsewhere
// invalid UTF-8 is replaced by U+FFFD rather than thrown on.
void append_json_line(std::string& out, const Record& record);
std::string to_json_line(const Record& record);

// Appends `bytes` (a file name or path) as a JSON string, lossless as `id` and `path` are.
void append_json_path(std::string& out, std::string_view bytes);

}  // namespace corpus_clean

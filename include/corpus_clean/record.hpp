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
// present, CJK not escaped, invalid UTF-8 replaced rather than thrown on.
void append_json_line(std::string& out, const Record& record);
std::string to_json_line(const Record& record);

}  // namespace corpus_clean

// Stage: build and serialize the schema-v1 record (DESIGN.md §2).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "corpus_clean/types.hpp"

namespace corpus_clean {

inline constexpr int kSchemaVersion = 1;

// xxh3-64 of `text` as 16 lower-case hex digits.
std::string text_hash(std::string_view text);

// Number of Unicode code points in well-formed UTF-8.
std::int64_t count_code_points(std::string_view utf8);

// Sets text, paragraphs, chars and hash from the blocks' text (paragraphs joined by '\n';
// empty blocks are skipped).
void set_text(Record& record, const std::vector<Block>& blocks);

// Appends the record as one JSON line (with the '\n'): keys in schema order, every key
// present, CJK not escaped, invalid UTF-8 replaced rather than thrown on.
void append_json_line(std::string& out, const Record& record);
std::string to_json_line(const Record& record);

}  // namespace corpus_clean

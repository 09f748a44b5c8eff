// Private to the extractors: Markdown inline syntax to plain text, and UTF-8 helpers.
#pragma once

#include <string>
#include <string_view>

#include "corpus_clean/types.hpp"

namespace corpus_clean::detail {

// One line of Markdown inline syntax to plain text: links become their text, images and
// autolinks are collected into `sink` (images; url_candidates), emphasis and code markers and
// inline HTML tags go, character references are decoded, whitespace runs fold to one space.
std::string markdown_inline_to_text(std::string_view line, Extraction& sink,
                                    bool decode_references = true);

// Decodes the code point starting at s[i]; advances i. Malformed bytes decode as U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i);
// The last code point of s (0 when empty).
char32_t last_code_point(std::string_view s);
void append_utf8(std::string& out, char32_t cp);

// Han, kana, Hangul, CJK punctuation and full-width forms.
bool is_cjk(char32_t cp);

}  // namespace corpus_clean::detail

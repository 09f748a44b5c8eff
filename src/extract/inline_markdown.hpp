// Private to the extractors: Markdown inline syntax to plain text.
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

}  // namespace corpus_clean::detail

// Stage 6, detect format: what kind of body this is. Mixed bodies are normal (Jekyll posts put
// <p> blocks next to Markdown link lines); the first match in html, markdown, text wins.
#pragma once

#include <string_view>

#include "corpus_clean/types.hpp"

namespace corpus_clean {

// html when the body holds an HTML block tag; markdown when a line has Markdown structure
// (an ATX heading, a table row, a link or image, an autolink); text otherwise.
Format detect_format(std::string_view body);

}  // namespace corpus_clean

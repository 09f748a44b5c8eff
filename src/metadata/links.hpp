// The document's own address from a "read the original" link in its body (阅读原文, 查看知乎原文,
// a report's download link), for documents whose front matter names none.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}  // namespace re2

namespace corpus_clean {

// The address of the first link in `body` — an HTML <a href> or a Markdown [text](url) — whose
// text, tags and spaces aside, one of `link_texts` (the vocabulary's original_link_text)
// matches as a whole. Only absolute http(s) addresses count; `&amp;` in an address is `&`.
std::optional<std::string> original_link(
    std::string_view body, const std::vector<std::shared_ptr<const re2::RE2>>& link_texts);

}  // namespace corpus_clean

// Paragraph repair: joins paragraphs that page breaks split in PDF conversions.
#pragma once

#include <cstdint>
#include <vector>

#include "corpus_clean/types.hpp"
#include "extract/blocks.hpp"

namespace corpus_clean {

// A paragraph of at least kMinBrokenChars characters that ends in a Han character, followed by
// a paragraph that starts with one, is one paragraph (`不断拓` + `展海外公民…`). Headings, list
// items, table rows and code are never joined.
inline constexpr std::int64_t kMinBrokenChars = 20;
void repair_page_breaks(std::vector<Block>& blocks);

}  // namespace corpus_clean

// Paragraph repair: joins paragraphs that page breaks split in PDF conversions.
#pragma once

#include <cstdint>
#include <vector>

#include "corpus_clean/types.hpp"
#include "extract/blocks.hpp"

namespace corpus_clean {

// A paragraph is joined to the next when the next one starts with a Han character or a closing
// mark (）”》…) and does not start a list item (一、 （一） 第一， 一是), and
//   - it ends with a mark that cannot end a paragraph: 、 ， ； or an opening bracket or quote
//     (（ “ 《 「 【 …): `…发展钢铁、` + `煤炭、…`;
//   - or it ends with a Han character and is at least kMinBrokenChars long (`不断拓` +
//   `展海外公民…`),
//     or is shorter but stops inside a bracket or quote it opened (`（以下简称“双` + `方”）…`);
//   - or it ends with ： and the next one starts with a closing mark (a colon before a list or a
//     new paragraph is common, so a Han character after it is no sign of a break).
// Headings, list items, table rows and code are never joined.
inline constexpr std::int64_t kMinBrokenChars = 20;
void repair_page_breaks(std::vector<Block>& blocks);

}  // namespace corpus_clean

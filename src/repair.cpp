// Paragraph repair for page-broken paragraphs.
#include "corpus_clean/repair.hpp"

#include "corpus_clean/record.hpp"
#include "inline_markdown.hpp"

namespace corpus_clean {
namespace {

bool is_han(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool joinable(const Block& b) {
  return b.kind == BlockKind::paragraph || b.kind == BlockKind::quote;
}

}  // namespace

void repair_page_breaks(std::vector<Block>& blocks) {
  if (blocks.size() < 2)
    return;
  std::vector<Block> out;
  out.reserve(blocks.size());
  for (Block& block : blocks) {
    if (!out.empty()) {
      Block& prev = out.back();
      std::size_t i = 0;
      if (joinable(prev) && joinable(block) && !block.text.empty() &&
          is_han(detail::last_code_point(prev.text)) &&
          is_han(detail::next_code_point(block.text, i)) &&
          count_code_points(prev.text) >= kMinBrokenChars) {
        prev.text += block.text;
        continue;
      }
    }
    out.push_back(std::move(block));
  }
  blocks = std::move(out);
}

}  // namespace corpus_clean

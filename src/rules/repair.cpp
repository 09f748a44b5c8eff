// Paragraph repair for page-broken paragraphs.
#include "rules/repair.hpp"

#include "text/chars.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

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
      if (joinable(prev) && joinable(block) && !block.text.empty() &&
          text::is_han(text::last_code_point(prev.text)) &&
          text::is_han(text::first_code_point(block.text)) &&
          text::count_code_points(prev.text) >= kMinBrokenChars) {
        prev.text += block.text;
        continue;
      }
    }
    out.push_back(std::move(block));
  }
  blocks = std::move(out);
}

}  // namespace corpus_clean

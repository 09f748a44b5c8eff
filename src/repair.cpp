// Paragraph repair for page-broken paragraphs.
#include "corpus_clean/repair.hpp"

#include "inline_markdown.hpp"

namespace corpus_clean {
namespace {

bool is_han(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
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
          code_points(prev.text) >= kMinBrokenChars) {
        prev.text += block.text;
        continue;
      }
    }
    out.push_back(std::move(block));
  }
  blocks = std::move(out);
}

}  // namespace corpus_clean

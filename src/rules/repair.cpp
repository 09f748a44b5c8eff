// Paragraph repair for page-broken paragraphs (repair.hpp).
#include "rules/repair.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "text/chars.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

bool joinable(const Block& b) {
  return b.kind == BlockKind::paragraph || b.kind == BlockKind::quote;
}

// Brackets and quotes in pairs: an opening mark ends no paragraph, a closing one starts none.
constexpr std::array<std::pair<char32_t, char32_t>, 10> kPairs = {{{U'（', U'）'},
                                                                   {U'(', U')'},
                                                                   {U'“', U'”'},
                                                                   {U'‘', U'’'},
                                                                   {U'《', U'》'},
                                                                   {U'〈', U'〉'},
                                                                   {U'「', U'」'},
                                                                   {U'『', U'』'},
                                                                   {U'【', U'】'},
                                                                   {U'〔', U'〕'}}};

bool is_opening(char32_t cp) {
  return std::any_of(kPairs.begin(), kPairs.end(), [&](const auto& p) { return p.first == cp; });
}

bool is_closing(char32_t cp) {
  return std::any_of(kPairs.begin(), kPairs.end(), [&](const auto& p) { return p.second == cp; });
}

// Marks after which a sentence goes on: the end of a list item or a clause.
bool continues(char32_t cp) {
  return cp == U'、' || cp == U'，' || cp == U'；' || is_opening(cp);
}

// Marks that follow a word and so cannot start a paragraph.
bool cannot_start(char32_t cp) {
  return is_closing(cp) || cp == U'、' || cp == U'，' || cp == U'。' || cp == U'；' ||
         cp == U'：' || cp == U'！' || cp == U'？';
}

// Whether `text` opens a bracket or quote that it does not close.
bool leaves_open(std::string_view text) {
  std::array<int, kPairs.size()> depth{};
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = text::next_code_point(text, i);
    for (std::size_t p = 0; p < kPairs.size(); ++p) {
      if (cp == kPairs[p].first)
        ++depth[p];
      else if (cp == kPairs[p].second && depth[p] > 0)
        --depth[p];
    }
  }
  return std::any_of(depth.begin(), depth.end(), [](int d) { return d > 0; });
}

bool is_chinese_numeral(char32_t cp) {
  return std::u32string_view(U"一二三四五六七八九十百零〇").find(cp) != std::u32string_view::npos;
}

// The length in bytes of the list marker that starts `text` with a Chinese numeral (一、 一.
// 一是 第一， 第一章), or 0. Markers that start with a digit or a bracket never start with a Han
// character, so they are never joined anyway.
std::size_t list_marker(std::string_view text) {
  std::size_t i = 0;
  char32_t cp = text::next_code_point(text, i);
  const bool ordinal = cp == U'第';
  if (ordinal)
    cp = i < text.size() ? text::next_code_point(text, i) : 0;
  if (!is_chinese_numeral(cp))
    return 0;
  while (i < text.size()) {
    cp = text::next_code_point(text, i);
    if (is_chinese_numeral(cp))
      continue;
    const std::u32string_view after = ordinal ? U"、，,：:章节条款部分篇是" : U"、．.，,是：:";
    return after.find(cp) != std::u32string_view::npos ? i : 0;
  }
  return 0;
}

bool broken_between(const Block& prev, const Block& next) {
  if (!joinable(prev) || !joinable(next) || prev.text.empty() || next.text.empty())
    return false;
  const char32_t first = text::first_code_point(next.text);
  const bool next_continues = text::is_han(first) || cannot_start(first);
  // A list item is never joined to what stands before it, nor a section number standing alone
  // (五、) to what follows it.
  if (!next_continues || list_marker(next.text) > 0 || list_marker(prev.text) == prev.text.size())
    return false;
  const char32_t last = text::last_code_point(prev.text);
  if (continues(last))
    return true;
  if (last == U'：')
    return cannot_start(first);
  if (!text::is_han(last))
    return false;
  return text::count_code_points(prev.text) >= kMinBrokenChars || leaves_open(prev.text);
}

}  // namespace

void repair_page_breaks(std::vector<Block>& blocks) {
  if (blocks.size() < 2)
    return;
  std::vector<Block> out;
  out.reserve(blocks.size());
  for (Block& block : blocks) {
    if (!out.empty() && broken_between(out.back(), block)) {
      out.back().text += block.text;
      continue;
    }
    out.push_back(std::move(block));
  }
  blocks = std::move(out);
}

}  // namespace corpus_clean

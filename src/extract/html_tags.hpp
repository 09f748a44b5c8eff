// The one HTML tag table: a row per GumboTag with what the depth pre-scan and the block walk need
// to know of an element (the HTML standard's categories, and the role the element plays in the
// text). Built once, read-only afterwards.
#pragma once

#include <gumbo.h>

#include <cstdint>

#include "extract/blocks.hpp"

namespace corpus_clean::html {

// What an element is to the text.
enum class TagRole : std::uint8_t {
  inline_element,  // span, a, font, strong: adds nothing
  skipped,         // script, style, svg, ...: never reaches the text
  container,       // div, section, body: holds blocks, and loose text in mixed bodies
  block,           // p, li, h1: holds a run of text
  row,             // tr: one block per row, cells side by side
  cell,            // td, th
  line_break,      // br
  rule,            // hr
  preformatted,    // pre
  image,           // img
};

// The HTML standard's categories, as flags.
enum TagFlag : std::uint16_t {
  kOpensNothing = 1 << 0,   // void elements, and html/head/body/frameset (opened once by gumbo)
  kRawText = 1 << 1,        // the tokenizer reads the content as text up to the end tag
  kSpecial = 1 << 2,        // "special": an end tag of another kind never closes it
  kClosesP = 1 << 3,        // a start tag that closes an open <p> in button scope
  kFormatting = 1 << 4,     // reopened by gumbo after a block closes it implicitly
  kTablePart = 1 << 5,      // table, tbody, tr, td, ...
  kForeignRoot = 1 << 6,    // svg, math
  kHeading = 1 << 7,        // h1..h6
  kBreaksForeign = 1 << 8,  // a start tag that ends svg or math content (p, div, b, ...)
};

struct TagInfo {
  std::uint16_t flags = 0;
  TagRole role = TagRole::inline_element;
  bool sets_kind = false;  // the blocks inside are of `kind` (else they inherit theirs)
  BlockKind kind = BlockKind::paragraph;
  int heading_level = 0;  // 1..6 for h1..h6
};

const TagInfo& tag_info(GumboTag tag);

inline bool has_flag(GumboTag tag, TagFlag flag) {
  return (tag_info(tag).flags & flag) != 0;
}
inline TagRole role_of(GumboTag tag) {
  return tag_info(tag).role;
}

}  // namespace corpus_clean::html

// The values the extract stage hands on (docs/DESIGN.md §3): blocks of text in reading order, plus
// what the extractor noticed on the way (images, autolinks, the page's own metadata).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "corpus_clean/types.hpp"

namespace corpus_clean {

enum class BlockKind {
  paragraph,
  heading,
  list_item,
  quote,
  table_row,
  code,
};

// A unit of text the extractor found: a paragraph, a heading, a table row, ...
// `text` is one line (no '\n'); whitespace is collapsed, inline markup already gone.
struct Block {
  BlockKind kind = BlockKind::paragraph;
  std::string text;
  int level = 0;       // heading level 1..6, 0 otherwise
  bool aside = false;  // on a whole page, outside the article: read for metadata, never text
};

// What the extractor hands on: the blocks in reading order plus what it noticed on the way.
struct Extraction {
  std::vector<Block> blocks;
  std::vector<std::string> images;          // img src / Markdown image targets, in order
  std::vector<std::string> url_candidates;  // autolinks standing on their own
  std::size_t deepest = 0;                  // HTML: the deepest nesting of elements (approximate)
  std::size_t flattened_tags = 0;           // HTML: tags dropped for nesting past the depth limit
};

}  // namespace corpus_clean

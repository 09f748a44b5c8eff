// Stage 4, split front matter: separates a leading metadata block from the body.
// Recognised: `---` YAML (closed by `---` or `...`), `+++` TOML and `;;;` JSON, each allowed to
// follow blank lines, as real Hexo files do.
#pragma once

#include <string_view>

#include "corpus_clean/error.hpp"

namespace corpus_clean {

enum class FrontMatterKind { none, yaml, toml, json };

struct FrontMatterSplit {
  FrontMatterKind kind = FrontMatterKind::none;
  std::string_view raw;    // the block between the fences (empty when none)
  std::string_view body;   // everything after the closing fence's line
  int raw_first_line = 0;  // 1-based line number of raw's first line in the document
};

// The views point into `text`. An opening fence with no closing one is an error.
Result<FrontMatterSplit> split_front_matter(std::string_view text);

}  // namespace corpus_clean

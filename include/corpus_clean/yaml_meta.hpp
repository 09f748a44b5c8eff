// Stage 5, parse YAML: front matter to JSON, kept whole for the record's `meta`.
// Plain scalars are typed by the YAML core schema (true/false, null, integers, floats);
// quoted scalars stay strings. yaml-cpp's exceptions stop here and become an Error.
#pragma once

#include <cstddef>
#include <string_view>

#include "corpus_clean/error.hpp"
#include "corpus_clean/front_matter.hpp"
#include "corpus_clean/types.hpp"

namespace corpus_clean {

struct YamlLimits {
  std::size_t max_bytes = 1u << 20;  // front matter larger than this is refused
  std::size_t max_nodes = 100'000;   // after alias expansion ("billion laughs")
  std::size_t max_depth = 64;        // nesting of maps and lists
  // Read the common `key: value` / `- item` subset by hand (the same result, several times
  // faster); switched off only to compare against yaml-cpp in tests.
  bool simple_fast_path = true;
};

// `first_line` is the document line of `raw`'s first line, so errors point into the file.
Result<Json> parse_front_matter(const FrontMatterSplit& split, const YamlLimits& limits = {});

}  // namespace corpus_clean

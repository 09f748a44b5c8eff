// Stage 5, parse YAML: front matter to JSON, kept whole for the record's `meta`.
// Plain scalars are typed by the YAML core schema (true/false, null, integers, floats);
// quoted scalars stay strings. yaml-cpp's exceptions stop here and become an Error.
#pragma once

#include <cstddef>
#include <string_view>

#include "corpus_clean/error.hpp"
#include "corpus_clean/options.hpp"
#include "corpus_clean/types.hpp"
#include "document/front_matter.hpp"

namespace corpus_clean {

// `first_line` is the document line of `raw`'s first line, so errors point into the file.
Result<Json> parse_front_matter(const FrontMatterSplit& split, const YamlLimits& limits = {});

}  // namespace corpus_clean

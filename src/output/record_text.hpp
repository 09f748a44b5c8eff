// Building the record's text fields from the blocks that survived the rules.
#pragma once

#include <vector>

#include "corpus_clean/types.hpp"
#include "extract/blocks.hpp"

namespace corpus_clean {

// Sets text, paragraphs, chars and hash from the blocks' text (paragraphs joined by '\n';
// empty blocks are skipped).
void set_text(Record& record, const std::vector<Block>& blocks);

}  // namespace corpus_clean

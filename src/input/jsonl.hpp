// Stage 2, read: JSON Lines dumps (one JSON object per line, plain, .gz or .zst) as a document
// source, so that an existing dump can be cleaned again. Each line is one row:
//   - its document is a string field named by JsonlFields (options.hpp): the first html field
//     that holds a string, read as a page's body (its format detected), else the first text
//     field, read as plain text;
//   - its other fields stand for front matter: the record's meta, and title, date, author,
//     categories, tags and url as front matter gives them;
//   - its id is the file's id, '#' and the row's id field (a string or an integer), else ':'
//     and the line number (from 1): "dump.jsonl#a17", "dump.jsonl:42". A dump that repeats an
//     id gives records that repeat it;
//   - its url field is where it was fetched from (crawl_url, and url when the document names
//     none).
// A blank line is a counted skip (blank_line); a line that is not a JSON object, that has no
// document field, or that is longer than --max-bytes is an error record naming the line; the
// rest of the file is still read.
#pragma once

#include <memory>

#include "input/source.hpp"

namespace corpus_clean {

std::unique_ptr<DocumentSource> open_jsonl_source(const InputFile& input,
                                                  const SourceOptions& options);

}  // namespace corpus_clean

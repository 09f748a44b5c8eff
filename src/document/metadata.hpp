// Harvests the record's metadata fields from the front matter, and title and date from the
// body's first lines when the front matter has none (plain-text and Markdown documents).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "corpus_clean/date.hpp"
#include "corpus_clean/types.hpp"
#include "extract/blocks.hpp"

namespace corpus_clean {

// The front-matter keys each record field is read from, first present key first.
struct FrontMatterKeys {
  std::vector<std::string> title;
  std::vector<std::string> date;
  std::vector<std::string> author;
  std::vector<std::string> url;
  std::vector<std::string> categories;
  std::vector<std::string> tags;
  std::vector<std::string> images;
};

struct DocumentMetadata {
  std::optional<std::string> title;
  std::optional<std::string> date;
  std::optional<std::string> author;
  std::optional<std::string> url;
  std::vector<std::string> categories;
  std::vector<std::string> tags;
  std::vector<std::string> images;    // headimg / thumbnail / cover / image
  std::vector<std::string> warnings;  // e.g. a date that could not be read
};

// The fields named by `keys` (the rules file's front_matter_keys), each from the first key
// present.
DocumentMetadata metadata_from_front_matter(const Json& meta, const FrontMatterKeys& keys,
                                            const DateOptions& options);

// Fills a missing title from the first block (a heading, or a short first line of a
// text document) and a missing date from a date-only line among the first blocks; the
// blocks used are removed. A leading block that repeats a known title is removed too.
void take_title_and_date_from_body(std::vector<Block>& blocks, Format format,
                                   const DateOptions& options, DocumentMetadata& metadata);

}  // namespace corpus_clean

// The values that flow between the stages (DESIGN.md §3): inputs, blocks, records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corpus_clean {

// Front matter is kept as parsed, in its key order.
using Json = nlohmann::ordered_json;

// One document to process: where it was opened and its id relative to the root it was found
// under (a file named directly is its own root, so its id is the path as given).
struct InputFile {
  std::string path;
  std::string id;
};

enum class Format { html, markdown, text };
std::string_view to_string(Format format);

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
  int level = 0;  // heading level 1..6, 0 otherwise
};

// What the extractor hands on: the blocks in reading order plus what it noticed on the way.
struct Extraction {
  std::vector<Block> blocks;
  std::vector<std::string> images;          // img src / Markdown image targets, in order
  std::vector<std::string> url_candidates;  // autolinks standing on their own
  std::size_t deepest = 0;                  // HTML: the deepest nesting of elements (approximate)
  std::size_t flattened_tags = 0;           // HTML: tags dropped for nesting past the depth limit
};

// A schema-v1 output record (DESIGN.md §2). Serialized in this field order.
struct Record {
  std::string id;
  std::string path;
  std::string site = "generic";
  Format format = Format::text;
  std::optional<std::string> title;
  std::optional<std::string> date;
  std::optional<std::string> author;
  std::optional<std::string> source;
  std::vector<std::string> reporters;
  std::vector<std::string> editors;
  std::vector<std::string> categories;
  std::vector<std::string> tags;
  std::optional<std::string> url;
  std::vector<std::string> images;
  std::string text;
  std::int64_t paragraphs = 0;
  std::int64_t chars = 0;
  std::string hash;
  Json meta = Json::object();
};

}  // namespace corpus_clean

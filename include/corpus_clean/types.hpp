// The values that flow between the stages (docs/DESIGN.md §3): inputs, blocks, records.
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

// One input found by discovery: where it is opened and its id relative to the root it was found
// under (a file named directly is its own root, so its id is the path as given). A plain file
// holds one document; a container (WARC, JSON Lines) holds many.
struct InputFile {
  std::string path;
  std::string id;
};

// What the place a document came from says about it, before its bytes are read.
struct DocumentHints {
  std::optional<std::string> charset;  // declared outside the bytes (an HTTP Content-Type)
  // Where it was fetched from (a crawl's target URI): the record's url when the document
  // names none.
  std::optional<std::string> url;
};

// One document: its bytes and where they came from.
struct Document {
  std::string id;     // unique in a run: a file's id, plus "#..." for a container's documents
  std::string path;   // the file it was read from, as opened
  std::string bytes;  // as stored, in any encoding
  DocumentHints hints;
};

enum class Format { html, markdown, text };
std::string_view to_string(Format format);

// A schema-v1 output record (docs/DESIGN.md §2). Serialized in this field order.
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
  std::optional<std::string> site_name;  // a whole page's own name for its site (og:site_name)
  std::optional<std::string> lang;       // zh, ja, ko by the text's script, else as declared
  std::vector<std::string> images;
  std::string text;
  std::int64_t paragraphs = 0;
  std::int64_t chars = 0;
  std::string hash;
  Json meta = Json::object();
};

// What a boilerplate rule does (see the rules file, docs/rules.md).
enum class RuleAction {
  drop_element,
  drop_block,
  strip,
  harvest,
  cut,
  select,  // main-content selection: the container chosen on a whole page
  prune,   // main-content selection: an element inside it left out
};
std::string_view to_string(RuleAction action);

// One thing a rule did, for --explain.
struct ExplainEntry {
  std::string rule_set;
  std::string origin;
  RuleAction action;
  std::string why;
  std::string text;        // what was removed or harvested (first 40 characters)
  bool after_cut = false;  // removed because a cut rule matched an earlier block
};

}  // namespace corpus_clean

// Boilerplate rules as data (docs/DESIGN.md §4): a YAML rules file of site rule sets, each with how
// the site is recognised and an ordered list of rules, plus a generic set that always applies
// after the site's. The engine knows no site: everything site-specific is in the file.
//
//   auto book = corpus_clean::RuleBook::load(corpus_clean::default_rules_yaml(), "default");
//   const RuleSet& site = book->recognise(meta, body, id, format);   // or book->generic()
//
// Rule kinds, each with a short `why`:
//   drop_element: SELECTOR   an HTML element and its subtree (before text extraction)
//   drop_block: PATTERN      a block whose text matches
//   strip: PATTERN           only the matched text, the rest of the block stays
//   harvest: PATTERN         named captures fill fields (editors, reporters, source, url,
//                            original_title, date); the block goes, or with `remove: match`
//                            only the matched part
//   cut: PATTERN             the matching block and everything after it
// Patterns are RE2 (UTF-8, linear time). `first: N` / `last: N` limit a rule to the first or
// last N blocks, `kind: heading` (paragraph, list_item, quote, table_row, code) to blocks of
// one kind. Thread safety: a const RuleBook may be shared by any number of threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "corpus_clean/error.hpp"
#include "corpus_clean/types.hpp"
#include "extract/blocks.hpp"
#include "extract/main_content.hpp"
#include "extract/selector.hpp"
#include "rules/vocabulary.hpp"

namespace re2 {
class RE2;
}  // namespace re2

namespace corpus_clean {

// The rules file compiled into the binary (rules/default.yaml).
std::string_view default_rules_yaml();

// A field a harvest pattern's named group can fill.
enum class HarvestField { editors, reporters, source, url, original_title, date };

struct BlockRule {
  RuleAction action = RuleAction::drop_block;
  std::string pattern;  // as written
  std::shared_ptr<const re2::RE2> regex;
  std::vector<std::pair<int, HarvestField>> captures;  // group index → field
  bool remove_match_only = false;                      // harvest with `remove: match`
  std::optional<std::size_t> first;                    // only in the first N blocks
  std::optional<std::size_t> last;                     // only in the last N blocks
  std::optional<BlockKind> kind;                       // only blocks of this kind
  std::string why;
  std::string origin;  // "FILE:LINE", for --explain and errors
};

struct SiteMatch {
  std::vector<std::pair<std::string, std::vector<std::string>>> front_matter;
  std::vector<std::string> body;   // substrings of the raw body
  std::vector<std::string> paths;  // fnmatch globs on the id or the path
};

class RuleSet {
 public:
  const std::string& name() const { return name_; }
  const std::vector<Selector>& drop_elements() const { return drop_elements_; }
  const std::vector<std::string>& drop_element_why() const { return drop_element_why_; }
  const std::vector<BlockRule>& block_rules() const { return block_rules_; }
  bool repairs(Format format) const;

  // Indices of the block rules whose pattern occurs in `text`, ascending (one RE2::Set pass).
  std::vector<int> candidates(std::string_view text) const;

 private:
  friend class RuleBook;
  friend class RuleParser;
  std::string name_;
  SiteMatch match_;
  std::vector<Selector> drop_elements_;
  std::vector<std::string> drop_element_why_;
  std::vector<BlockRule> block_rules_;
  std::vector<Format> repair_formats_;
  std::shared_ptr<const void> set_;  // the compiled RE2::Set, type-erased to keep RE2 private
  std::vector<Selector> drop_with_generic_;  // drop_elements_ + the generic set's
};

class RuleBook {
 public:
  // Parses and validates a rules file; `name` is used in error messages ("FILE:LINE: ...").
  static Result<RuleBook> load(std::string_view yaml, const std::string& name);
  // Adds a user's rules file on top: its sites are tried before the loaded ones, its generic
  // rules run after the loaded generic rules.
  Result<bool> add(std::string_view yaml, const std::string& name);

  // The site set that recognises this document, or nullptr.
  const RuleSet* recognise(const Json& meta, std::string_view body, std::string_view id,
                           std::string_view path) const;
  const RuleSet& generic() const { return *generic_; }
  // The drop selectors of `site` (may be null) followed by the generic set's: what the
  // extractor applies to a document of that site. Built once per rules load.
  const std::vector<Selector>& drop_selectors(const RuleSet* site) const;
  const std::vector<std::shared_ptr<RuleSet>>& sites() const { return sites_; }
  // The vocabulary of every file loaded, added up.
  const Vocabulary& vocabulary() const { return vocabulary_; }
  // The hints and thresholds of main-content selection, likewise.
  const MainContentRules& main_content() const { return main_content_; }

 private:
  std::vector<std::shared_ptr<RuleSet>> sites_;
  std::shared_ptr<RuleSet> generic_;
  bool compile_markers();
  Vocabulary vocabulary_;
  MainContentRules main_content_;
  std::shared_ptr<const void> markers_;   // RE2::Set of every site's body markers
  std::vector<std::size_t> marker_site_;  // marker → index into sites_
};

// Compiles `rules.hints` into `rules.hint_set`; false when RE2 cannot.
bool compile_hints(MainContentRules& rules);

// What the block rules took out of the text.
struct Harvest {
  std::optional<std::string> source;
  std::optional<std::string> url;
  std::optional<std::string> original_title;
  std::optional<std::string> date;  // as written; the pipeline parses it
  std::vector<std::string> editors;
  std::vector<std::string> reporters;
  // The names of a long editors or reporters list, for de-duplication in constant time (a
  // hostile page may hold a hundred thousand 责任编辑 lines). Filled once a list grows long.
  std::unordered_set<std::string> editor_index;
  std::unordered_set<std::string> reporter_index;
};

// Applies `set`'s block rules to `blocks` in order; fills `harvest` (names split by the
// vocabulary), and `explain` when given.
void apply_block_rules(const RuleSet& set, const Vocabulary& vocabulary, std::vector<Block>& blocks,
                       Harvest& harvest, std::vector<ExplainEntry>* explain);

}  // namespace corpus_clean

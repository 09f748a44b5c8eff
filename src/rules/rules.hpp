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
//                            only the matched part, or with `remove: none` nothing
//   cut: PATTERN             the matching block and everything after it, when that is at most
//                            kMaxCutShare of the text (a site's `unconditional: true` cut always)
// Patterns are RE2 (UTF-8, linear time). `first: N` / `last: N` limit a rule to the first or
// last N blocks, `kind: heading` (paragraph, list_item, quote, table_row, code) to blocks of
// one kind; `min_matches` / `min_share` a drop_block to blocks its matches dominate; `fallback:
// N` makes a harvest give way to rules of a lower level. Thread safety: a const RuleBook may be
// shared by any number of threads.
#pragma once

#include <cstdint>
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

class RuleFilter;

// The rules file compiled into the binary (rules/default.yaml).
std::string_view default_rules_yaml();

// A field a harvest pattern's named group can fill.
enum class HarvestField { editors, reporters, source, url, original_title, date };

// What a matching harvest removes from its block.
enum class Removal { block, match, none };

// A cut that is not unconditional fires only where what it removes (the marker's block and all
// after it) is at most this share of the text: a marker in a report's summary on page 1 must not
// take the report with it.
inline constexpr double kMaxCutShare = 0.3;

struct BlockRule {
  RuleAction action = RuleAction::drop_block;
  std::string pattern;  // as written
  std::shared_ptr<const re2::RE2> regex;
  std::vector<std::pair<int, HarvestField>> captures;  // group index → field
  Removal removal = Removal::block;                    // harvest with `remove: match|none`
  int fallback = 0;                  // harvest: single-valued fields give way to a lower level
  bool unconditional = false;        // cut: fires whatever share of the text it removes
  std::size_t min_matches = 1;       // drop_block: at least so many matches in the block
  double min_share = 0;              // drop_block: the matches cover at least this share of it
  std::optional<std::size_t> first;  // only in the first N blocks
  std::optional<std::size_t> last;   // only in the last N blocks
  std::optional<BlockKind> kind;     // only blocks of this kind
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

  // Indices of the block rules whose pattern may occur in `text`, ascending: every one that
  // does, and perhaps some that do not (rule_filter.hpp).
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
  std::shared_ptr<const RuleFilter> filter_;  // null when there are no block rules
  std::vector<Selector> drop_with_generic_;   // drop_elements_ + the generic set's
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
  Vocabulary vocabulary_;
  MainContentRules main_content_;
};

// Compiles `rules.hints` into `rules.hint_set`; false when RE2 cannot.
bool compile_hints(MainContentRules& rules);

// How much of the text (in code points) one rule removed from a document.
struct RuleLoss {
  std::string rule_set;
  std::string origin;
  RuleAction action = RuleAction::drop_block;
  std::string why;
  std::int64_t chars = 0;
};

// What the block rules took out of the text.
struct Harvest {
  std::optional<std::string> source;
  std::optional<std::string> url;
  std::optional<std::string> original_title;
  std::optional<std::string> date;  // as written; the pipeline parses it
  // The fallback level of the rule each of those four came from (0: a rule without one).
  int source_level = 0;
  int url_level = 0;
  int original_title_level = 0;
  int date_level = 0;
  std::vector<std::string> editors;
  std::vector<std::string> reporters;
  // The names of a long editors or reporters list, for de-duplication in constant time (a
  // hostile page may hold a hundred thousand 责任编辑 lines). Filled once a list grows long.
  std::unordered_set<std::string> editor_index;
  std::unordered_set<std::string> reporter_index;
  // The text the rules removed, in code points: in all, and per rule (a handful per document).
  // What a harvest captures is not counted: it moves into a field; the rest it removes is.
  std::int64_t removed_chars = 0;
  std::vector<RuleLoss> losses;

  // The loss of the rule that removed most, or null.
  const RuleLoss* largest_loss() const;
};

// Fills the fields of `into` from `more` where `into` has none, or one of a higher fallback
// level; names only where `into` has none.
void fill_missing(Harvest& into, Harvest more);

// Applies `set`'s block rules to `blocks` in order; fills `harvest` (names split and sources
// cleaned by the vocabulary, the text removed counted), and `explain` when given.
void apply_block_rules(const RuleSet& set, const Vocabulary& vocabulary, std::vector<Block>& blocks,
                       Harvest& harvest, std::vector<ExplainEntry>* explain);

}  // namespace corpus_clean

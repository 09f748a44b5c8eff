// The rules engine: recognising a document's site, and applying block rules (drop, strip,
// harvest, cut) after a first pass that names each block's candidate rules (rule_filter.cpp).
// Reading rules files is rules_file.cpp.
#include "rules/rules.hpp"

#include <fnmatch.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <map>
#include <unordered_set>

#include "rules/names.hpp"
#include "rules/rule_filter.hpp"
#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {

extern const std::string_view kDefaultRulesYaml;
std::string_view default_rules_yaml() {
  return kDefaultRulesYaml;
}

std::string_view to_string(RuleAction action) {
  switch (action) {
    case RuleAction::drop_element:
      return "drop_element";
    case RuleAction::drop_block:
      return "drop_block";
    case RuleAction::strip:
      return "strip";
    case RuleAction::harvest:
      return "harvest";
    case RuleAction::cut:
      return "cut";
    case RuleAction::select:
      return "select";
    case RuleAction::prune:
      return "prune";
  }
  return "unknown";
}

bool RuleSet::repairs(Format format) const {
  return std::find(repair_formats_.begin(), repair_formats_.end(), format) != repair_formats_.end();
}

std::vector<int> RuleSet::candidates(std::string_view text) const {
  return filter_ ? filter_->candidates(text) : std::vector<int>();
}

const std::vector<Selector>& RuleBook::drop_selectors(const RuleSet* site) const {
  return (site ? *site : *generic_).drop_with_generic_;
}

namespace {

bool front_matter_matches(const Json& meta, const std::string& key,
                          const std::vector<std::string>& values) {
  if (!meta.contains(key))
    return false;
  const Json& value = meta.at(key);
  auto equals_any = [&](const Json& v) {
    if (!v.is_string())
      return false;
    const std::string_view s = text::trim(v.get_ref<const std::string&>());
    return std::find(values.begin(), values.end(), s) != values.end();
  };
  if (!value.is_array())
    return equals_any(value);
  for (const Json& item : value) {
    if (equals_any(item))
      return true;
  }
  return false;
}

}  // namespace

const RuleSet* RuleBook::recognise(const Json& meta, std::string_view body, std::string_view id,
                                   std::string_view path) const {
  const std::string id_str(id), path_str(path);
  for (const auto& site : sites_) {
    const SiteMatch& m = site->match_;
    const bool by_front_matter =
        meta.is_object() &&
        std::any_of(m.front_matter.begin(), m.front_matter.end(), [&](const auto& kv) {
          return front_matter_matches(meta, kv.first, kv.second);
        });
    // memchr-driven find beats one RE2::Set pass over the body for the few markers there are.
    const bool by_body = std::any_of(m.body.begin(), m.body.end(), [&](const std::string& marker) {
      return body.find(marker) != std::string_view::npos;
    });
    const bool by_path = std::any_of(m.paths.begin(), m.paths.end(), [&](const std::string& glob) {
      return fnmatch(glob.c_str(), id_str.c_str(), 0) == 0 ||
             fnmatch(glob.c_str(), path_str.c_str(), 0) == 0;
    });
    if (by_front_matter || by_body || by_path)
      return site.get();
  }
  return nullptr;
}

namespace {

std::string preview(std::string_view text) {
  const std::string_view head = text::first_code_points(text, 40);
  return head.size() < text.size() ? std::string(head) + "…" : std::string(head);
}

re2::StringPiece piece(std::string_view text) {
  return re2::StringPiece(text.data(), text.size());
}

// A single-valued field takes a value when it has none, or one from a higher fallback level.
void offer(std::optional<std::string>& field, int& level, std::string value, int rule_level) {
  if (!field || rule_level < level) {
    field = std::move(value);
    level = rule_level;
  }
}

void offer_from(std::optional<std::string>& field, int& level, std::optional<std::string>& value,
                int value_level) {
  if (value)
    offer(field, level, std::move(*value), value_level);
}

void record_harvest(const BlockRule& rule, const re2::StringPiece* groups,
                    const Vocabulary& vocabulary, Harvest& harvest) {
  for (const auto& [index, field] : rule.captures) {
    const re2::StringPiece& g = groups[index];
    if (g.data() == nullptr || g.empty())
      continue;
    std::string value = clean_value(std::string_view(g.data(), g.size()));
    if (value.empty())
      continue;
    switch (field) {
      case HarvestField::editors:
        for (std::string& name : split_names(value, vocabulary))
          add_unique(harvest.editors, harvest.editor_index, std::move(name));
        break;
      case HarvestField::reporters:
        for (std::string& name : split_names(value, vocabulary))
          add_unique(harvest.reporters, harvest.reporter_index, std::move(name));
        break;
      case HarvestField::source:
        if (std::string source = clean_source(value, vocabulary); !source.empty())
          offer(harvest.source, harvest.source_level, std::move(source), rule.fallback);
        break;
      case HarvestField::url:
        offer(harvest.url, harvest.url_level, std::move(value), rule.fallback);
        break;
      case HarvestField::original_title:
        offer(harvest.original_title, harvest.original_title_level, std::move(value),
              rule.fallback);
        break;
      case HarvestField::date:
        offer(harvest.date, harvest.date_level, std::move(value), rule.fallback);
        break;
    }
  }
}

bool in_scope(const BlockRule& rule, const Block& block, std::size_t index, std::size_t count) {
  if (rule.kind && block.kind != *rule.kind)
    return false;
  if (rule.first && index >= *rule.first)
    return false;
  if (rule.last && index + *rule.last < count)
    return false;
  return true;
}

// Whether a drop_block rule's matches dominate the block: at least `min_matches` of them, not
// overlapping, that cover at least `min_share` of its characters.
bool dominates(const BlockRule& rule, std::string_view text) {
  if (rule.min_matches <= 1 && rule.min_share <= 0)
    return true;
  const RE2& re = *rule.regex;
  std::size_t matches = 0;
  std::int64_t covered = 0;
  re2::StringPiece match;
  for (std::size_t pos = 0;
       pos < text.size() && re.Match(piece(text), pos, text.size(), RE2::UNANCHORED, &match, 1);) {
    pos = static_cast<std::size_t>(match.data() - text.data());
    if (match.empty()) {
      text::next_code_point(text, pos);
      continue;
    }
    ++matches;
    covered += text::count_code_points(std::string_view(match.data(), match.size()));
    pos += match.size();
  }
  return matches >= rule.min_matches &&
         static_cast<double>(covered) >=
             rule.min_share * static_cast<double>(text::count_code_points(text));
}

std::int64_t chars_in(const std::vector<Block>& blocks, std::size_t from, std::size_t to) {
  std::int64_t n = 0;
  for (std::size_t i = from; i < to; ++i)
    n += text::count_code_points(blocks[i].text);
  return n;
}

// One pass of a rule set's block rules over a document's blocks.
class BlockPass {
 public:
  BlockPass(const RuleSet& set, const Vocabulary& vocabulary, std::vector<Block>& blocks,
            Harvest& harvest, std::vector<ExplainEntry>* explain)
      : set_(set),
        rules_(set.block_rules()),
        vocabulary_(vocabulary),
        blocks_(blocks),
        count_(blocks.size()),
        harvest_(harvest),
        explain_(explain),
        total_chars_(has_cut(rules_) ? chars_in(blocks, 0, blocks.size()) : 0) {}

  void run() {
    std::vector<Block> kept;
    kept.reserve(count_);
    for (std::size_t index = 0; index < count_; ++index) {
      Block& block = blocks_[index];
      const BlockRule* cut = nullptr;
      const bool removed = apply(block, index, cut);
      if (cut) {
        read_cut_tail(*cut, index + 1);
        break;
      }
      if (!removed)
        kept.push_back(std::move(block));
    }
    blocks_ = std::move(kept);
  }

 private:
  void note(const BlockRule& rule, std::string_view text, std::string why = {}) {
    if (explain_) {
      explain_->push_back(ExplainEntry{set_.name(), rule.origin, rule.action,
                                       why.empty() ? rule.why : std::move(why), preview(text)});
    }
  }

  void lose(const BlockRule& rule, std::int64_t chars) {
    if (chars <= 0)
      return;
    harvest_.removed_chars += chars;
    for (RuleLoss& loss : harvest_.losses) {
      if (loss.origin == rule.origin && loss.rule_set == set_.name()) {
        loss.chars += chars;
        return;
      }
    }
    harvest_.losses.push_back(RuleLoss{set_.name(), rule.origin, rule.action, rule.why, chars});
  }

  static bool has_cut(const std::vector<BlockRule>& rules) {
    return std::any_of(rules.begin(), rules.end(),
                       [](const BlockRule& r) { return r.action == RuleAction::cut; });
  }

  // The share of the text this pass was given that a cut at `block` (the index-th) would
  // remove: what is left of the block and everything after it. The lengths after each block
  // are counted once, at the first cut that matches (later ones stand further down), so a text
  // of many markers costs no more than one.
  double cut_share(const Block& block, std::size_t index) {
    if (after_.empty()) {
      after_.assign(count_ + 1, 0);
      for (std::size_t i = count_; i-- > index + 1;)
        after_[i] = after_[i + 1] + text::count_code_points(blocks_[i].text);
    }
    const std::int64_t tail = text::count_code_points(block.text) + after_[index + 1];
    return total_chars_ > 0 ? static_cast<double>(tail) / static_cast<double>(total_chars_) : 0.0;
  }

  // Applies the rules that match `block`; true when the block goes. Sets `cut` when a cut fired.
  bool apply(Block& block, std::size_t index, const BlockRule*& cut) {
    std::vector<int> hits = set_.candidates(block.text);
    for (std::size_t h = 0; h < hits.size(); ++h) {
      const BlockRule& rule = rules_[static_cast<std::size_t>(hits[h])];
      if (!in_scope(rule, block, index, count_))
        continue;
      if (!match(rule, block.text))
        continue;
      switch (rule.action) {
        case RuleAction::drop_block:
          if (!dominates(rule, block.text))
            break;
          note(rule, block.text);
          lose(rule, text::count_code_points(block.text));
          return true;
        case RuleAction::cut:
          if (!rule.unconditional) {
            if (const double share = cut_share(block, index); share > kMaxCutShare) {
              note(rule, block.text,
                   "not applied, it would remove " + std::to_string(std::lround(share * 100)) +
                       "% of the text (" + rule.why + ")");
              explain_declined();
              break;
            }
          }
          note(rule, block.text);
          lose(rule, text::count_code_points(block.text));
          cut = &rule;
          return true;
        case RuleAction::harvest:
          record_harvest(rule, groups_.data(), vocabulary_, harvest_);
          if (rule.removal == Removal::none) {
            note(rule, std::string_view(groups_[0].data(), groups_[0].size()));
            break;
          }
          if (rule.removal == Removal::block) {
            note(rule, block.text);
            lose(rule, text::count_code_points(block.text) - captured_chars(rule));
            return true;
          }
          if (remove_match(rule, block, hits, h))
            return true;
          break;
        case RuleAction::strip:
          if (remove_match(rule, block, hits, h))
            return true;
          break;
        case RuleAction::drop_element:
        case RuleAction::select:
        case RuleAction::prune:
          break;
      }
    }
    return false;
  }

  // Matches `rule` against `text`, its groups into groups_.
  bool match(const BlockRule& rule, std::string_view text) {
    const RE2& re = *rule.regex;
    groups_.assign(static_cast<std::size_t>(re.NumberOfCapturingGroups()) + 1, {});
    return re.Match(piece(text), 0, text.size(), RE2::UNANCHORED, groups_.data(),
                    static_cast<int>(groups_.size()));
  }

  // What the harvest just matched moves into fields: its captures' characters. The rest of what
  // it removes (labels, and whatever a careless pattern swallows) is lost text.
  std::int64_t captured_chars(const BlockRule& rule) const {
    std::int64_t n = 0;
    for (const auto& capture : rule.captures) {
      const re2::StringPiece& g = groups_[static_cast<std::size_t>(capture.first)];
      n += text::count_code_points(std::string_view(g.data(), g.size()));
    }
    return n;
  }

  // Marks the explain entry just written as a rule that did not fire.
  void explain_declined() {
    if (explain_)
      explain_->back().declined = true;
  }

  // Removes the text `groups_[0]` matched; true when nothing is left of the block. The rules
  // after hits[h] are matched again against what is left.
  bool remove_match(const BlockRule& rule, Block& block, std::vector<int>& hits, std::size_t h) {
    const auto begin = static_cast<std::size_t>(groups_[0].data() - block.text.data());
    const std::string_view matched = std::string_view(block.text).substr(begin, groups_[0].size());
    note(rule, matched);
    const std::int64_t before = text::count_code_points(block.text);
    const std::int64_t moved = rule.action == RuleAction::harvest ? captured_chars(rule) : 0;
    block.text.erase(begin, groups_[0].size());
    block.text = std::string(text::trim(block.text));
    lose(rule, before - text::count_code_points(block.text) - moved);
    if (block.text.empty())
      return true;
    std::vector<int> rest = set_.candidates(block.text);
    std::erase_if(rest, [&](int r) { return r <= hits[h]; });
    hits.erase(hits.begin() + static_cast<std::ptrdiff_t>(h) + 1, hits.end());
    hits.insert(hits.end(), rest.begin(), rest.end());
    return false;
  }

  // The blocks after a cut go; their fields do not: the set's harvest rules still read them (an
  // editor line after a disclaimer, the full report's link after a preview's end).
  void read_cut_tail(const BlockRule& cut, std::size_t from) {
    for (std::size_t index = from; index < count_; ++index) {
      const Block& block = blocks_[index];
      lose(cut, text::count_code_points(block.text));
      if (explain_) {
        explain_->push_back(ExplainEntry{set_.name(), cut.origin, RuleAction::cut,
                                         "after: " + cut.why, preview(block.text), true});
      }
      for (int hit : set_.candidates(block.text)) {
        const BlockRule& rule = rules_[static_cast<std::size_t>(hit)];
        if (rule.action != RuleAction::harvest || !in_scope(rule, block, index, count_))
          continue;
        if (match(rule, block.text)) {
          record_harvest(rule, groups_.data(), vocabulary_, harvest_);
          note(rule, std::string_view(groups_[0].data(), groups_[0].size()));
        }
      }
    }
  }

  const RuleSet& set_;
  const std::vector<BlockRule>& rules_;
  const Vocabulary& vocabulary_;
  std::vector<Block>& blocks_;
  const std::size_t count_;
  Harvest& harvest_;
  std::vector<ExplainEntry>* explain_;
  const std::int64_t total_chars_;   // the text the pass was given (counted when it has a cut)
  std::vector<std::int64_t> after_;  // [i]: the text of blocks i.. (from the first cut on)
  std::vector<re2::StringPiece> groups_;
};

}  // namespace

const RuleLoss* Harvest::largest_loss() const {
  const RuleLoss* largest = nullptr;
  for (const RuleLoss& loss : losses) {
    if (!largest || loss.chars > largest->chars)
      largest = &loss;
  }
  return largest;
}

void fill_missing(Harvest& into, Harvest more) {
  offer_from(into.source, into.source_level, more.source, more.source_level);
  offer_from(into.url, into.url_level, more.url, more.url_level);
  offer_from(into.original_title, into.original_title_level, more.original_title,
             more.original_title_level);
  offer_from(into.date, into.date_level, more.date, more.date_level);
  if (into.editors.empty())
    into.editors = std::move(more.editors);
  if (into.reporters.empty())
    into.reporters = std::move(more.reporters);
}

void apply_block_rules(const RuleSet& set, const Vocabulary& vocabulary, std::vector<Block>& blocks,
                       Harvest& harvest, std::vector<ExplainEntry>* explain) {
  if (set.block_rules().empty())
    return;
  BlockPass(set, vocabulary, blocks, harvest, explain).run();
}

}  // namespace corpus_clean

// The rules engine: recognising a document's site, and applying block rules (drop, strip,
// harvest, cut) with one RE2::Set pass per block. Reading rules files is rules_file.cpp.
#include "rules/rules.hpp"

#include <fnmatch.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <unordered_set>

#include "rules/names.hpp"
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

namespace {

const RE2::Set& as_set(const std::shared_ptr<const void>& erased) {
  return *static_cast<const RE2::Set*>(erased.get());
}

}  // namespace

bool RuleSet::repairs(Format format) const {
  return std::find(repair_formats_.begin(), repair_formats_.end(), format) != repair_formats_.end();
}

std::vector<int> RuleSet::candidates(std::string_view text) const {
  std::vector<int> hits;
  if (block_rules_.empty())
    return hits;
  as_set(set_).Match(re2::StringPiece(text.data(), text.size()), &hits);
  std::sort(hits.begin(), hits.end());
  return hits;
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
  std::vector<bool> named(sites_.size(), false);  // by a marker in the body
  if (!marker_site_.empty()) {
    std::vector<int> hits;
    as_set(markers_).Match(re2::StringPiece(body.data(), body.size()), &hits);
    for (int hit : hits)
      named[marker_site_[static_cast<std::size_t>(hit)]] = true;
  }
  for (std::size_t i = 0; i < sites_.size(); ++i) {
    const auto& site = sites_[i];
    const SiteMatch& m = site->match_;
    const bool by_front_matter =
        meta.is_object() &&
        std::any_of(m.front_matter.begin(), m.front_matter.end(), [&](const auto& kv) {
          return front_matter_matches(meta, kv.first, kv.second);
        });
    const bool by_body = named[i];
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

void record_harvest(const BlockRule& rule, const re2::StringPiece* groups,
                    const Vocabulary& vocabulary, Harvest& harvest) {
  for (const auto& [index, field] : rule.captures) {
    const re2::StringPiece& g = groups[index];
    if (g.data() == nullptr || g.empty())
      continue;
    const std::string value = clean_value(std::string_view(g.data(), g.size()));
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
        if (!harvest.source)
          harvest.source = value;
        break;
      case HarvestField::url:
        if (!harvest.url)
          harvest.url = value;
        break;
      case HarvestField::original_title:
        if (!harvest.original_title)
          harvest.original_title = value;
        break;
      case HarvestField::date:
        if (!harvest.date)
          harvest.date = value;
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

}  // namespace

void apply_block_rules(const RuleSet& set, const Vocabulary& vocabulary, std::vector<Block>& blocks,
                       Harvest& harvest, std::vector<ExplainEntry>* explain) {
  const std::vector<BlockRule>& rules = set.block_rules();
  if (rules.empty())
    return;
  const std::size_t count = blocks.size();
  std::vector<Block> kept;
  kept.reserve(count);
  std::vector<re2::StringPiece> groups;
  auto note = [&](const BlockRule& rule, std::string_view text) {
    if (explain) {
      explain->push_back(
          ExplainEntry{set.name(), rule.origin, rule.action, rule.why, preview(text)});
    }
  };
  for (std::size_t index = 0; index < count; ++index) {
    Block& block = blocks[index];
    bool removed = false;
    const BlockRule* cut = nullptr;
    std::vector<int> hits = set.candidates(block.text);
    for (std::size_t h = 0; h < hits.size() && !removed; ++h) {
      const BlockRule& rule = rules[static_cast<std::size_t>(hits[h])];
      if (!in_scope(rule, block, index, count))
        continue;
      const RE2& re = *rule.regex;
      groups.assign(static_cast<std::size_t>(re.NumberOfCapturingGroups()) + 1, {});
      const re2::StringPiece text(block.text.data(), block.text.size());
      if (!re.Match(text, 0, text.size(), RE2::UNANCHORED, groups.data(),
                    static_cast<int>(groups.size()))) {
        continue;
      }
      switch (rule.action) {
        case RuleAction::drop_block:
          note(rule, block.text);
          removed = true;
          break;
        case RuleAction::cut:
          note(rule, block.text);
          removed = true;
          cut = &rule;
          break;
        case RuleAction::harvest:
          record_harvest(rule, groups.data(), vocabulary, harvest);
          if (!rule.remove_match_only) {
            note(rule, block.text);
            removed = true;
            break;
          }
          [[fallthrough]];
        case RuleAction::strip: {
          const auto begin = static_cast<std::size_t>(groups[0].data() - block.text.data());
          note(rule, std::string_view(block.text).substr(begin, groups[0].size()));
          block.text.erase(begin, groups[0].size());
          block.text = std::string(text::trim(block.text));
          if (block.text.empty()) {
            removed = true;
          } else {
            // The text changed: later rules are matched against what is left.
            std::vector<int> rest = set.candidates(block.text);
            std::erase_if(rest, [&](int r) { return r <= hits[h]; });
            hits.erase(hits.begin() + static_cast<std::ptrdiff_t>(h) + 1, hits.end());
            hits.insert(hits.end(), rest.begin(), rest.end());
          }
          break;
        }
        case RuleAction::drop_element:
        case RuleAction::select:
        case RuleAction::prune:
          break;
      }
    }
    if (cut) {
      for (std::size_t rest = index + 1; rest < count && explain; ++rest) {
        explain->push_back(ExplainEntry{set.name(), cut->origin, RuleAction::cut,
                                        "after: " + cut->why, preview(blocks[rest].text), true});
      }
      break;
    }
    if (!removed)
      kept.push_back(std::move(block));
  }
  blocks = std::move(kept);
}

}  // namespace corpus_clean

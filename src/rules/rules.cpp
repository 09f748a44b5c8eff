// The rules engine: loading and validating rules files, recognising a document's site, and
// applying block rules (drop, strip, harvest, cut) with one RE2::Set pass per block.
#include "rules/rules.hpp"

#include <fnmatch.h>
#include <re2/re2.h>
#include <re2/set.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <unordered_set>

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
  }
  return "unknown";
}

namespace {

const std::map<std::string, HarvestField, std::less<>>& harvest_fields() {
  static const std::map<std::string, HarvestField, std::less<>> fields = {
      {"editors", HarvestField::editors},
      {"reporters", HarvestField::reporters},
      {"source", HarvestField::source},
      {"url", HarvestField::url},
      {"original_title", HarvestField::original_title},
      {"date", HarvestField::date},
  };
  return fields;
}

RE2::Options pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(RE2::Options::EncodingUTF8);
  return options;
}

const RE2::Set& as_set(const std::shared_ptr<const void>& erased) {
  return *static_cast<const RE2::Set*>(erased.get());
}

}  // namespace

// Reads a rules file into RuleSets, with every error pointing at FILE:LINE.
class RuleParser {
 public:
  explicit RuleParser(std::string name) : name_(std::move(name)) {}

  Result<bool> parse(std::string_view yaml, std::vector<std::shared_ptr<RuleSet>>& sites,
                     std::shared_ptr<RuleSet>& generic) {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
      return error_at(e.mark.line + 1, e.msg);
    }
    try {
      return parse_root(root, sites, generic);
    } catch (const YAML::Exception& e) {
      return error_at(e.mark.line + 1, e.msg);
    }
  }

 private:
  Error error_at(int line, const std::string& what) const {
    return make_error(ErrorCode::invalid_option, Stage::rules,
                      name_ + ":" + std::to_string(line) + ": " + what);
  }
  Error error_at(const YAML::Node& node, const std::string& what) const {
    return error_at(node.Mark().line + 1, what);
  }
  std::string origin(const YAML::Node& node) const {
    return name_ + ":" + std::to_string(node.Mark().line + 1);
  }

  Result<bool> parse_root(const YAML::Node& root, std::vector<std::shared_ptr<RuleSet>>& sites,
                          std::shared_ptr<RuleSet>& generic) {
    if (!root.IsMap())
      return error_at(root, "a rules file is a mapping with 'sites' and 'generic'");
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>();
      if (key == "version") {
        if (entry.second.as<std::string>() != "1") {
          return error_at(entry.second, "unsupported rules version (this build reads version 1)");
        }
      } else if (key == "sites") {
        if (!entry.second.IsSequence())
          return error_at(entry.second, "'sites' must be a list");
        for (const YAML::Node& site : entry.second) {
          auto set = std::make_shared<RuleSet>();
          if (Result<bool> ok = parse_set(site, *set, true); !ok)
            return ok;
          sites.push_back(std::move(set));
        }
      } else if (key == "generic") {
        if (!generic) {
          generic = std::make_shared<RuleSet>();
          generic->name_ = "generic";
        }
        if (Result<bool> ok = parse_set(entry.second, *generic, false); !ok)
          return ok;
      } else {
        return error_at(entry.first,
                        "unknown key '" + key + "' (expected version, sites, generic)");
      }
    }
    return true;
  }

  Result<bool> parse_set(const YAML::Node& node, RuleSet& set, bool is_site) {
    if (!node.IsMap())
      return error_at(node, "a rule set is a mapping");
    for (const auto& entry : node) {
      const std::string key = entry.first.as<std::string>();
      const YAML::Node& value = entry.second;
      if (key == "site" && is_site) {
        set.name_ = value.as<std::string>();
      } else if (key == "match" && is_site) {
        if (Result<bool> ok = parse_match(value, set.match_); !ok)
          return ok;
      } else if (key == "repair_page_breaks") {
        for (const YAML::Node& format : value) {
          const std::string f = format.as<std::string>();
          if (f == "html") {
            set.repair_formats_.push_back(Format::html);
          } else if (f == "markdown") {
            set.repair_formats_.push_back(Format::markdown);
          } else if (f == "text") {
            set.repair_formats_.push_back(Format::text);
          } else {
            return error_at(format, "unknown format '" + f + "' (html, markdown, text)");
          }
        }
      } else if (key == "rules") {
        if (!value.IsSequence())
          return error_at(value, "'rules' must be a list");
        for (const YAML::Node& rule : value) {
          if (Result<bool> ok = parse_rule(rule, set); !ok)
            return ok;
        }
      } else {
        return error_at(entry.first, "unknown key '" + key + "' in a " +
                                         (is_site ? "site" : "generic") + " rule set");
      }
    }
    if (is_site && set.name_.empty())
      return error_at(node, "a site rule set needs 'site: NAME'");
    if (is_site && set.match_.front_matter.empty() && set.match_.body.empty() &&
        set.match_.paths.empty()) {
      return error_at(node, "site '" + set.name_ + "' has no 'match' (front_matter, body, path)");
    }
    return compile_set(set, node);
  }

  Result<bool> parse_match(const YAML::Node& node, SiteMatch& match) {
    if (!node.IsMap())
      return error_at(node, "'match' is a mapping of front_matter, body, path");
    for (const auto& entry : node) {
      const std::string key = entry.first.as<std::string>();
      if (key == "front_matter") {
        if (!entry.second.IsMap())
          return error_at(entry.second, "front_matter: KEY: VALUE(S)");
        for (const auto& field : entry.second) {
          match.front_matter.emplace_back(field.first.as<std::string>(), strings(field.second));
        }
      } else if (key == "body") {
        match.body = strings(entry.second);
      } else if (key == "path") {
        match.paths = strings(entry.second);
      } else {
        return error_at(entry.first, "unknown match key '" + key + "' (front_matter, body, path)");
      }
    }
    return true;
  }

  static std::vector<std::string> strings(const YAML::Node& node) {
    std::vector<std::string> out;
    if (node.IsSequence()) {
      for (const YAML::Node& item : node)
        out.push_back(item.as<std::string>());
    } else {
      out.push_back(node.as<std::string>());
    }
    return out;
  }

  Result<bool> parse_rule(const YAML::Node& node, RuleSet& set) {
    if (!node.IsMap())
      return error_at(node, "a rule is a mapping such as {drop_block: PATTERN, why: ...}");
    BlockRule rule;
    rule.origin = origin(node);
    std::optional<std::string> selector;
    int actions = 0;
    for (const auto& entry : node) {
      const std::string key = entry.first.as<std::string>();
      const YAML::Node& value = entry.second;
      if (key == "drop_element") {
        selector = value.as<std::string>();
        rule.action = RuleAction::drop_element;
        ++actions;
      } else if (key == "drop_block" || key == "strip" || key == "harvest" || key == "cut") {
        rule.pattern = value.as<std::string>();
        rule.action = key == "drop_block" ? RuleAction::drop_block
                      : key == "strip"    ? RuleAction::strip
                      : key == "harvest"  ? RuleAction::harvest
                                          : RuleAction::cut;
        ++actions;
      } else if (key == "why") {
        rule.why = value.as<std::string>();
      } else if (key == "remove") {
        const std::string how = value.as<std::string>();
        if (how != "block" && how != "match")
          return error_at(value, "remove: block or match");
        rule.remove_match_only = how == "match";
      } else if (key == "kind") {
        const std::string kind = value.as<std::string>();
        static const std::map<std::string, BlockKind, std::less<>> kinds = {
            {"paragraph", BlockKind::paragraph}, {"heading", BlockKind::heading},
            {"list_item", BlockKind::list_item}, {"quote", BlockKind::quote},
            {"table_row", BlockKind::table_row}, {"code", BlockKind::code}};
        const auto it = kinds.find(kind);
        if (it == kinds.end()) {
          return error_at(value, "unknown block kind '" + kind +
                                     "' (paragraph, heading, list_item, quote, table_row, code)");
        }
        rule.kind = it->second;
      } else if (key == "first" || key == "last") {
        const auto n = value.as<long long>();
        if (n <= 0)
          return error_at(value, key + " must be a positive number of blocks");
        (key == "first" ? rule.first : rule.last) = static_cast<std::size_t>(n);
      } else {
        return error_at(entry.first, "unknown rule key '" + key + "'");
      }
    }
    if (actions != 1) {
      return error_at(node,
                      "a rule has exactly one of drop_element, drop_block, strip, harvest, cut");
    }
    if (rule.why.empty())
      return error_at(node, "every rule needs a short 'why'");
    if (selector) {
      Result<Selector> parsed = parse_selector(*selector);
      if (!parsed)
        return error_at(node, parsed.error().detail);
      set.drop_elements_.push_back(std::move(parsed).value());
      set.drop_element_why_.push_back(rule.why);
      return true;
    }
    auto regex = std::make_shared<RE2>(rule.pattern, pattern_options());
    if (!regex->ok()) {
      return error_at(node, "bad pattern '" + rule.pattern + "': " + regex->error());
    }
    for (const auto& [group_name, index] : regex->NamedCapturingGroups()) {
      const auto field = harvest_fields().find(group_name);
      if (field == harvest_fields().end()) {
        return error_at(node, "unknown capture '" + group_name +
                                  "' (editors, reporters, source, url, original_title, date)");
      }
      rule.captures.emplace_back(index, field->second);
    }
    if (rule.action == RuleAction::harvest && rule.captures.empty()) {
      return error_at(node, "a harvest pattern needs a named capture such as (?P<editors>...)");
    }
    if (rule.action != RuleAction::harvest && rule.remove_match_only) {
      return error_at(node, "'remove' goes with harvest only");
    }
    rule.regex = std::move(regex);
    set.block_rules_.push_back(std::move(rule));
    return true;
  }

  Result<bool> compile_set(RuleSet& set, const YAML::Node& node) {
    auto compiled = std::make_shared<RE2::Set>(pattern_options(), RE2::UNANCHORED);
    for (const BlockRule& rule : set.block_rules_) {
      std::string error;
      if (compiled->Add(rule.pattern, &error) < 0) {
        return error_at(node, "bad pattern '" + rule.pattern + "': " + error);
      }
    }
    if (!set.block_rules_.empty() && !compiled->Compile()) {
      return error_at(node, "the rule set's patterns are too large to compile together");
    }
    set.set_ = std::shared_ptr<const void>(compiled, compiled.get());
    return true;
  }

  std::string name_;
};

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

Result<RuleBook> RuleBook::load(std::string_view yaml, const std::string& name) {
  RuleBook book;
  if (Result<bool> ok = book.add(yaml, name); !ok)
    return std::move(ok).take_error();
  return book;
}

Result<bool> RuleBook::add(std::string_view yaml, const std::string& name) {
  std::vector<std::shared_ptr<RuleSet>> sites;
  // A user's generic rules extend a copy of the current generic set.
  std::shared_ptr<RuleSet> generic =
      generic_ ? std::make_shared<RuleSet>(*generic_) : std::shared_ptr<RuleSet>();
  Result<bool> ok = RuleParser(name).parse(yaml, sites, generic);
  if (!ok)
    return ok;
  for (auto& site : sites_)
    sites.push_back(site);
  sites_ = std::move(sites);
  if (!generic) {
    generic = std::make_shared<RuleSet>();
    generic->name_ = "generic";
    generic->set_ = std::make_shared<RE2::Set>(pattern_options(), RE2::UNANCHORED);
  }
  generic_ = std::move(generic);
  auto combine = [&](RuleSet& set) {
    set.drop_with_generic_ = set.drop_elements_;
    if (&set != generic_.get()) {
      set.drop_with_generic_.insert(set.drop_with_generic_.end(), generic_->drop_elements_.begin(),
                                    generic_->drop_elements_.end());
    }
  };
  for (auto& site : sites_)
    combine(*site);
  combine(*generic_);
  return true;
}

const std::vector<Selector>& RuleBook::drop_selectors(const RuleSet* site) const {
  return (site ? *site : *generic_).drop_with_generic_;
}

namespace {

bool front_matter_matches(const Json& meta, const std::string& key,
                          const std::vector<std::string>& values) {
  const auto it = meta.find(key);
  if (it == meta.end())
    return false;
  auto equals_any = [&](const Json& v) {
    if (!v.is_string())
      return false;
    const std::string_view s = text::trim(v.get_ref<const std::string&>());
    return std::find(values.begin(), values.end(), s) != values.end();
  };
  if (it->is_array())
    return std::any_of(it->begin(), it->end(), equals_any);
  return equals_any(*it);
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

// Harvested values are trimmed of spaces and of the brackets and separators around them.
std::string clean_value(std::string_view value) {
  return std::string(
      text::trim_any(value, {" ", "\t", "\u3000", "\u00A0", "【", "】", "（", "）", "(",  ")", "[",
                             "]", "|",  "丨",     "：",     ":",  "，", ",",  "。", "；", ";"}));
}

bool is_staff_code(std::string_view token) {
  // SF055, SN222, B123: letters then digits.
  std::size_t i = 0;
  while (i < token.size() && std::isupper(static_cast<unsigned char>(token[i])))
    ++i;
  if (i == 0 || i == token.size())
    return false;
  for (std::size_t k = i; k < token.size(); ++k) {
    if (!std::isdigit(static_cast<unsigned char>(token[k])))
      return false;
  }
  return true;
}

// Words that stand between names in bylines and are not names.
bool is_role_word(std::string_view token) {
  static constexpr std::string_view kRoles[] = {"记者",     "见习记者", "实习记者", "特约记者",
                                                "首席记者", "编辑",     "责任编辑", "通讯员",
                                                "摄影",     "摄",       "报道"};
  return std::find(std::begin(kRoles), std::end(kRoles), token) != std::end(kRoles);
}

// Appends `value` to `list` unless it is empty or there already. A short list is searched;
// past kShortList names `index` holds them all, so that n names cost O(n), not O(n^2).
constexpr std::size_t kShortList = 16;

void add_unique(std::vector<std::string>& list, std::unordered_set<std::string>& index,
                std::string value) {
  if (value.empty())
    return;
  if (list.size() < kShortList) {
    if (std::find(list.begin(), list.end(), value) != list.end())
      return;
  } else {
    if (index.empty())
      index.insert(list.begin(), list.end());
    if (!index.insert(value).second)
      return;
  }
  list.push_back(std::move(value));
}

std::string preview(std::string_view text) {
  const std::string_view head = text::first_code_points(text, 40);
  return head.size() < text.size() ? std::string(head) + "…" : std::string(head);
}

void record_harvest(const BlockRule& rule, const re2::StringPiece* groups, Harvest& harvest) {
  for (const auto& [index, field] : rule.captures) {
    const re2::StringPiece& g = groups[index];
    if (g.data() == nullptr || g.empty())
      continue;
    const std::string value = clean_value(std::string_view(g.data(), g.size()));
    if (value.empty())
      continue;
    switch (field) {
      case HarvestField::editors:
        for (std::string& name : split_names(value))
          add_unique(harvest.editors, harvest.editor_index, std::move(name));
        break;
      case HarvestField::reporters:
        for (std::string& name : split_names(value))
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

std::vector<std::string> split_names(std::string_view text) {
  std::vector<std::string> names;
  std::unordered_set<std::string> index;
  std::string current;
  // First split on list separators; then on spaces, unless every piece is one character
  // (a name written with a space inside: "杨 洁").
  auto flush_group = [&](std::string_view group) {
    std::vector<std::string> pieces;
    std::string piece;
    std::size_t i = 0;
    while (i < group.size()) {
      const std::size_t start = i;
      const char32_t cp = text::next_code_point(group, i);
      if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0) {
        if (!piece.empty())
          pieces.push_back(std::move(piece));
        piece.clear();
      } else {
        piece.append(group.substr(start, i - start));
      }
    }
    if (!piece.empty())
      pieces.push_back(std::move(piece));
    std::erase_if(pieces, [](const std::string& p) { return is_staff_code(p) || is_role_word(p); });
    // A run of one-character pieces is one name written with spaces ("杨 洁").
    std::vector<std::string> merged;
    bool previous_single = false;
    for (std::string& p : pieces) {
      std::size_t k = 0;
      text::next_code_point(p, k);
      const bool single = k == p.size();
      if (single && previous_single) {
        merged.back() += p;
      } else {
        merged.push_back(std::move(p));
      }
      previous_single = single;
    }
    pieces = std::move(merged);
    for (std::string& p : pieces) {
      std::string cleaned = clean_value(p);
      if (!cleaned.empty())
        add_unique(names, index, std::move(cleaned));
    }
  };
  std::size_t i = 0, group_start = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t cp = text::next_code_point(text, i);
    if (cp == U'、' || cp == U'，' || cp == ',' || cp == '/' || cp == U'／' || cp == U'；' ||
        cp == ';') {
      flush_group(text.substr(group_start, start - group_start));
      group_start = i;
    }
  }
  flush_group(text.substr(group_start));
  return names;
}

void apply_block_rules(const RuleSet& set, std::vector<Block>& blocks, Harvest& harvest,
                       std::vector<ExplainEntry>* explain) {
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
          record_harvest(rule, groups.data(), harvest);
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

// Reading rules files: the YAML of docs/rules.md into rule sets and the vocabulary, validated,
// with every error pointing at FILE:LINE.
#include <re2/re2.h>
#include <re2/set.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <iterator>
#include <map>

#include "rules/rule_filter.hpp"
#include "rules/rules.hpp"
#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {

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

}  // namespace

// Reads a rules file into RuleSets, with every error pointing at FILE:LINE.
class RuleParser {
 public:
  explicit RuleParser(std::string name) : name_(std::move(name)) {}

  Result<bool> parse(std::string_view yaml, std::vector<std::shared_ptr<RuleSet>>& sites,
                     std::shared_ptr<RuleSet>& generic, Vocabulary& vocabulary,
                     MainContentRules& main_content) {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
      return error_at(e.mark.line + 1, e.msg);
    }
    try {
      return parse_root(root, sites, generic, vocabulary, main_content);
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
  // A vocabulary or main_content pattern (`value`, RE2), or the error naming its line.
  Result<std::shared_ptr<const RE2>> compile_pattern(const YAML::Node& value) const {
    auto pattern = std::make_shared<const RE2>(value.as<std::string>(), pattern_options());
    if (!pattern->ok())
      return error_at(value, "bad pattern '" + pattern->pattern() + "': " + pattern->error());
    return std::shared_ptr<const RE2>(std::move(pattern));
  }
  std::string origin(const YAML::Node& node) const {
    return name_ + ":" + std::to_string(node.Mark().line + 1);
  }

  Result<bool> parse_root(const YAML::Node& root, std::vector<std::shared_ptr<RuleSet>>& sites,
                          std::shared_ptr<RuleSet>& generic, Vocabulary& vocabulary,
                          MainContentRules& main_content) {
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
      } else if (key == "vocabulary") {
        if (Result<bool> ok = parse_vocabulary(entry.second, vocabulary); !ok)
          return ok;
      } else if (key == "main_content") {
        if (Result<bool> ok = parse_main_content(entry.second, main_content); !ok)
          return ok;
      } else {
        return error_at(entry.first,
                        "unknown key '" + key +
                            "' (expected version, sites, generic, vocabulary, main_content)");
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
          if (Result<bool> ok = parse_rule(rule, set, is_site); !ok)
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

  // `vocabulary:` a list of entries, each one kind of word list with its `why`.
  Result<bool> parse_vocabulary(const YAML::Node& node, Vocabulary& vocabulary) {
    if (!node.IsSequence())
      return error_at(node, "'vocabulary' must be a list");
    for (const YAML::Node& item : node) {
      if (!item.IsMap())
        return error_at(item,
                        "a vocabulary entry is a mapping such as {role_words: [...], why: ...}");
      int kinds = 0;
      bool why = false;
      for (const auto& entry : item) {
        const std::string key = entry.first.as<std::string>();
        const YAML::Node& value = entry.second;
        if (key == "why") {
          why = !value.as<std::string>().empty();
          continue;
        }
        ++kinds;
        Result<bool> ok = parse_vocabulary_entry(key, value, vocabulary);
        if (!ok)
          return ok;
      }
      if (kinds != 1) {
        return error_at(item,
                        "a vocabulary entry has exactly one of name_separators, role_words, "
                        "staff_code, source_noise, front_matter_keys, page_meta_keys, "
                        "site_name_shape, image_attributes, original_link_text");
      }
      if (!why)
        return error_at(item, "every vocabulary entry needs a short 'why'");
    }
    return true;
  }

  // The list a vocabulary entry of RE2 shapes goes to, or null for an entry of another kind.
  static std::vector<std::shared_ptr<const RE2>>* shape_list(const std::string& key,
                                                             Vocabulary& vocabulary) {
    if (key == "staff_code")
      return &vocabulary.staff_codes;
    if (key == "source_noise")
      return &vocabulary.source_noise;
    if (key == "original_link_text")
      return &vocabulary.original_link_text;
    if (key == "site_name_shape")
      return &vocabulary.page_meta.site_name_shapes;
    return nullptr;
  }

  Result<bool> parse_vocabulary_entry(const std::string& key, const YAML::Node& value,
                                      Vocabulary& vocabulary) {
    if (key == "name_separators") {
      for (const std::string& s : strings(value)) {
        std::size_t i = 0;
        const char32_t cp = text::next_code_point(s, i);
        if (s.empty() || i != s.size())
          return error_at(value, "a name separator is one character, not '" + s + "'");
        vocabulary.name_separators.push_back(cp);
      }
    } else if (key == "role_words") {
      for (std::string& s : strings(value))
        vocabulary.role_words.push_back(std::move(s));
    } else if (std::vector<std::shared_ptr<const RE2>>* shapes = shape_list(key, vocabulary)) {
      Result<std::shared_ptr<const RE2>> shape = compile_pattern(value);
      if (!shape)
        return shape.error();
      shapes->push_back(std::move(*shape));
    } else if (key == "front_matter_keys") {
      return parse_front_matter_keys(value, vocabulary.front_matter);
    } else if (key == "page_meta_keys") {
      return parse_page_meta_keys(value, vocabulary.page_meta);
    } else if (key == "image_attributes") {
      for (std::string& s : strings(value))
        vocabulary.image_attributes.push_back(std::move(s));
    } else {
      return error_at(value, "unknown vocabulary '" + key +
                                 "' (name_separators, role_words, staff_code, source_noise, "
                                 "front_matter_keys, page_meta_keys, site_name_shape, "
                                 "image_attributes, original_link_text)");
    }
    return true;
  }

  Result<bool> parse_front_matter_keys(const YAML::Node& node, FrontMatterKeys& keys) {
    const std::vector<std::pair<std::string, std::vector<std::string>*>> fields = {
        {"title", &keys.title},           {"date", &keys.date},
        {"author", &keys.author},         {"url", &keys.url},
        {"categories", &keys.categories}, {"tags", &keys.tags},
        {"images", &keys.images}};
    return parse_keys(node, "front_matter_keys", fields, false);
  }

  Result<bool> parse_page_meta_keys(const YAML::Node& node, PageMetaKeys& keys) {
    const std::vector<std::pair<std::string, std::vector<std::string>*>> fields = {
        {"title", &keys.title},         {"date", &keys.date},     {"url", &keys.url},
        {"site_name", &keys.site_name}, {"author", &keys.author}, {"lang", &keys.lang}};
    return parse_keys(node, "page_meta_keys", fields, true);
  }

  // FIELD: [KEY, ...] for the fields named in `fields`: the keys are added to the field's list
  // (lower-cased when `lower`, as <meta> names are compared).
  Result<bool> parse_keys(
      const YAML::Node& node, const std::string& entry,
      const std::vector<std::pair<std::string, std::vector<std::string>*>>& fields, bool lower) {
    if (!node.IsMap())
      return error_at(node, entry + ": FIELD: [KEY, ...]");
    for (const auto& item : node) {
      const std::string field = item.first.as<std::string>();
      const auto it = std::find_if(fields.begin(), fields.end(),
                                   [&](const auto& f) { return field == f.first; });
      if (it == fields.end()) {
        std::string names;
        for (const auto& f : fields)
          names += (names.empty() ? "" : ", ") + f.first;
        return error_at(item.first, "unknown field '" + field + "' (" + names + ")");
      }
      for (std::string& key : strings(item.second))
        it->second->push_back(lower ? text::ascii_lower(key) : std::move(key));
    }
    return true;
  }

  // `main_content:` a list of entries: a class/id hint or a tag with its weight, or a
  // threshold, each with its `why`.
  Result<bool> parse_main_content(const YAML::Node& node, MainContentRules& rules) {
    if (!node.IsSequence())
      return error_at(node, "'main_content' must be a list");
    for (const YAML::Node& item : node) {
      if (!item.IsMap() || !item["why"] || item["why"].as<std::string>().empty())
        return error_at(item, "a main_content entry is a mapping with a short 'why'");
      const std::string kind = main_content_kind(item);
      if (kind.empty()) {
        return error_at(item,
                        "a main_content entry has exactly one of hint, tag, end_matter, "
                        "min_paragraph_chars, sibling_share");
      }
      Result<bool> ok = parse_main_content_entry(kind, item, rules);
      if (!ok)
        return ok;
    }
    return true;
  }

  static std::string main_content_kind(const YAML::Node& item) {
    std::string kind;
    for (const auto& entry : item) {
      const std::string key = entry.first.as<std::string>();
      if (key == "why" || key == "weight")
        continue;
      if (!kind.empty())
        return "";
      kind = key;
    }
    return kind;
  }

  Result<bool> parse_main_content_entry(const std::string& kind, const YAML::Node& item,
                                        MainContentRules& rules) {
    const YAML::Node value = item[kind];
    const std::string why = item["why"].as<std::string>();
    if (kind == "hint" || kind == "tag") {
      if (!item["weight"])
        return error_at(item, "a " + kind + " needs a weight (e.g. 25 or -25)");
      const int weight = item["weight"].as<int>();
      if (kind == "tag") {
        for (std::string& tag : strings(value))
          rules.tags.push_back(ContentTagWeight{text::ascii_lower(tag), weight, why});
        return true;
      }
      Result<std::shared_ptr<const RE2>> pattern = compile_pattern(value);
      if (!pattern)
        return pattern.error();
      rules.hints.push_back(ContentHint{std::move(*pattern), weight, why});
    } else if (kind == "end_matter") {
      Result<std::shared_ptr<const RE2>> pattern = compile_pattern(value);
      if (!pattern)
        return pattern.error();
      rules.end_matter.push_back(std::move(*pattern));
    } else if (kind == "min_paragraph_chars") {
      const int n = value.as<int>();
      if (n < 1)
        return error_at(value, "min_paragraph_chars must be a positive number");
      rules.min_paragraph_chars = n;
    } else if (kind == "sibling_share") {
      const double share = value.as<double>();
      if (share <= 0 || share > 1)
        return error_at(value, "sibling_share is a share of the container's score, in (0, 1]");
      rules.sibling_share = share;
    } else {
      return error_at(item, "unknown main_content entry '" + kind +
                                "' (hint, tag, end_matter, min_paragraph_chars, sibling_share)");
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

  // One key of a rule: its kind and pattern, or a limit. `actions` counts the kinds seen.
  Result<bool> parse_rule_key(const YAML::Node& key_node, const YAML::Node& value, BlockRule& rule,
                              std::optional<std::string>& selector, int& actions) {
    const std::string key = key_node.as<std::string>();
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
      if (how != "block" && how != "match" && how != "none")
        return error_at(value, "remove: block, match or none");
      rule.removal = how == "match"  ? Removal::match
                     : how == "none" ? Removal::none
                                     : Removal::block;
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
    } else if (key == "first" || key == "last" || key == "min_matches" || key == "fallback") {
      const auto n = value.as<long long>();
      if (n <= 0)
        return error_at(value, key + " must be a positive number");
      if (key == "fallback" && n > 1000)
        return error_at(value, "fallback is a level from 1 to 1000");
      const auto count = static_cast<std::size_t>(n);
      if (key == "first" || key == "last")
        (key == "first" ? rule.first : rule.last) = count;
      else if (key == "min_matches")
        rule.min_matches = count;
      else
        rule.fallback = static_cast<int>(n);
    } else if (key == "min_share") {
      const double share = value.as<double>();
      if (!(share > 0 && share <= 1))
        return error_at(value, "min_share is a share of the block's characters, in (0, 1]");
      rule.min_share = share;
    } else if (key == "unconditional") {
      rule.unconditional = value.as<bool>();
    } else {
      return error_at(key_node, "unknown rule key '" + key + "'");
    }
    return true;
  }

  // The keys that go with one kind only, and the generic set's limits.
  Result<bool> check_rule_keys(const BlockRule& rule, const YAML::Node& node, bool is_site) {
    const bool drop = rule.action == RuleAction::drop_block;
    const bool harvest = rule.action == RuleAction::harvest;
    if (!harvest && rule.removal != Removal::block)
      return error_at(node, "'remove' goes with harvest only");
    if (!harvest && rule.fallback != 0)
      return error_at(node, "'fallback' goes with harvest only");
    if (!drop && (rule.min_matches != 1 || rule.min_share != 0))
      return error_at(node, "'min_matches' and 'min_share' go with drop_block only");
    if (rule.unconditional && rule.action != RuleAction::cut)
      return error_at(node, "'unconditional' goes with cut only");
    if (rule.unconditional && !is_site) {
      return error_at(node,
                      "only a site rule set's cut may be unconditional: a generic cut removes "
                      "at most a tail of the text");
    }
    return true;
  }

  Result<bool> parse_rule(const YAML::Node& node, RuleSet& set, bool is_site) {
    if (!node.IsMap())
      return error_at(node, "a rule is a mapping such as {drop_block: PATTERN, why: ...}");
    BlockRule rule;
    rule.origin = origin(node);
    std::optional<std::string> selector;
    int actions = 0;
    for (const auto& entry : node) {
      Result<bool> ok = parse_rule_key(entry.first, entry.second, rule, selector, actions);
      if (!ok)
        return ok;
    }
    if (actions != 1) {
      return error_at(node,
                      "a rule has exactly one of drop_element, drop_block, strip, harvest, cut");
    }
    if (rule.why.empty())
      return error_at(node, "every rule needs a short 'why'");
    if (Result<bool> ok = check_rule_keys(rule, node, is_site); !ok)
      return ok;
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
    rule.regex = std::move(regex);
    set.block_rules_.push_back(std::move(rule));
    return true;
  }

  Result<bool> compile_set(RuleSet& set, const YAML::Node& node) {
    if (set.block_rules_.empty()) {
      set.filter_.reset();
      return true;
    }
    std::vector<const RE2*> patterns;
    patterns.reserve(set.block_rules_.size());
    for (const BlockRule& rule : set.block_rules_)
      patterns.push_back(rule.regex.get());
    std::string error;
    set.filter_ = RuleFilter::build(patterns, error);
    if (!set.filter_)
      return error_at(node, error);
    return true;
  }

  std::string name_;
};

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
  Vocabulary vocabulary = vocabulary_;
  MainContentRules main_content = main_content_;
  Result<bool> ok = RuleParser(name).parse(yaml, sites, generic, vocabulary, main_content);
  if (!ok)
    return ok;
  for (auto& site : sites_)
    sites.push_back(site);
  sites_ = std::move(sites);
  if (!generic) {
    generic = std::make_shared<RuleSet>();
    generic->name_ = "generic";
  }
  generic_ = std::move(generic);
  vocabulary_ = std::move(vocabulary);
  main_content_ = std::move(main_content);
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
  return compile_hints(main_content_)
             ? Result<bool>(true)
             : Result<bool>(
                   make_error(ErrorCode::invalid_option, Stage::rules,
                              name + ": the content hints are too many to compile together"));
}

// The content hints in one RE2::Set: each element's class and id are read once.
bool compile_hints(MainContentRules& rules) {
  std::shared_ptr<RE2::Set> set = make_set();
  for (const ContentHint& hint : rules.hints) {
    if (set->Add(hint.pattern->pattern(), nullptr) < 0)
      return false;
  }
  if (!rules.hints.empty() && !set->Compile())
    return false;
  rules.hint_set = std::shared_ptr<const void>(set, set.get());
  return true;
}

}  // namespace corpus_clean

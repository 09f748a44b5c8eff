// YAML front matter to JSON through yaml-cpp; TOML and JSON front matter read simply enough
// that nothing leaks into the text.
#include "document/yaml_meta.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_set>

#include "text/line_reader.hpp"

namespace corpus_clean {
namespace {

bool equals_any(const std::string& s, std::initializer_list<const char*> words) {
  for (const char* w : words) {
    if (s == w)
      return true;
  }
  return false;
}

bool all_digits(std::string_view s) {
  if (s.empty())
    return false;
  for (char c : s) {
    if (c < '0' || c > '9')
      return false;
  }
  return true;
}

// A plain (unquoted) scalar typed by the YAML 1.2 core schema.
Json plain_scalar(const std::string& s) {
  if (s.empty() || equals_any(s, {"~", "null", "Null", "NULL"}))
    return nullptr;
  if (equals_any(s, {"true", "True", "TRUE"}))
    return true;
  if (equals_any(s, {"false", "False", "FALSE"}))
    return false;
  std::string_view digits = s;
  if (digits[0] == '-' || digits[0] == '+')
    digits.remove_prefix(1);
  if (all_digits(digits) && digits.size() <= 18 && (digits.size() == 1 || digits[0] != '0')) {
    return std::stoll(s);
  }
  // Floats of the core schema: digits with one '.', an optional exponent.
  if (s.size() < 40 && s.find('.') != std::string::npos &&
      s.find_first_not_of("0123456789.eE+-") == std::string::npos) {
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (end == s.c_str() + s.size() && std::isfinite(d))
      return d;
  }
  return s;
}

// Builds a JSON object key by key. ordered_json looks keys up by a linear search, so a
// front matter of thousands of keys would take quadratic time: keys are tracked in a hash
// set and new ones appended directly.
class ObjectBuilder {
 public:
  bool contains(const std::string& key) const { return keys_.count(key) != 0; }
  // Sets `key`; a repeated key replaces the earlier value (yaml-cpp's last one wins).
  void set(std::string key, Json value) {
    if (keys_.insert(key).second) {
      object_.get_ref<Json::object_t&>().emplace_back(std::move(key), std::move(value));
    } else {
      object_[key] = std::move(value);
    }
  }
  Json take() { return std::move(object_); }

 private:
  Json object_ = Json::object();
  std::unordered_set<std::string> keys_;
};

class Converter {
 public:
  explicit Converter(const YamlLimits& limits) : limits_(limits) {}

  // Depth-limited; counts every node visited, so an alias bomb stops early.
  Result<Json> convert(const YAML::Node& node, std::size_t depth) {
    if (++nodes_ > limits_.max_nodes) {
      return make_error(ErrorCode::yaml_limit, Stage::yaml,
                        "front matter expands to more than " + std::to_string(limits_.max_nodes) +
                            " nodes after alias expansion (--max-yaml-nodes)");
    }
    if (depth > limits_.max_depth) {
      return make_error(ErrorCode::yaml_limit, Stage::yaml,
                        "front matter nested deeper than " + std::to_string(limits_.max_depth) +
                            " (--max-yaml-depth)");
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return Json(nullptr);
      case YAML::NodeType::Scalar:
        return node.Tag() == "!" ? Json(node.Scalar()) : plain_scalar(node.Scalar());
      case YAML::NodeType::Sequence: {
        Json array = Json::array();
        for (const YAML::Node& item : node) {
          Result<Json> value = convert(item, depth + 1);
          if (!value)
            return std::move(value).take_error();
          array.push_back(std::move(value).value());
        }
        return array;
      }
      case YAML::NodeType::Map: {
        ObjectBuilder object;
        for (const auto& entry : node) {
          std::string key;
          if (entry.first.IsScalar()) {
            key = entry.first.Scalar();
          } else {
            Result<Json> complex_key = convert(entry.first, depth + 1);
            if (!complex_key)
              return std::move(complex_key).take_error();
            key = complex_key->dump(-1, ' ', false, Json::error_handler_t::replace);
          }
          Result<Json> value = convert(entry.second, depth + 1);
          if (!value)
            return std::move(value).take_error();
          object.set(std::move(key), std::move(value).value());
        }
        return object.take();
      }
    }
    return Json(nullptr);
  }

 private:
  const YamlLimits& limits_;
  std::size_t nodes_ = 0;
};

// Deep flow nesting ("[[[[...") makes yaml-cpp's recursive parser use the stack; refuse it
// before parsing. Counts brackets outside quotes and comments, line by line.
bool flow_nesting_exceeds(std::string_view yaml, std::size_t max_depth) {
  std::size_t depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < yaml.size(); ++i) {
    const char c = yaml[i];
    if (quote) {
      if (c == quote)
        quote = 0;
      if (c == '\n')
        quote = 0;  // a broken quote ends with its line here
      continue;
    }
    switch (c) {
      case '\'':
      case '"':
        quote = c;
        break;
      case '#': {
        const std::size_t eol = yaml.find('\n', i);
        i = eol == std::string_view::npos ? yaml.size() : eol;
        break;
      }
      case '[':
      case '{':
        if (++depth > max_depth)
          return true;
        break;
      case ']':
      case '}':
        if (depth)
          --depth;
        break;
      default:
        break;
    }
  }
  return false;
}

// The front matter of real posts is nearly always the simplest YAML: `key: value` lines and
// `key:` followed by `- item` lines, values plain or quoted on one line. Reading that subset by
// hand is many times faster than building yaml-cpp's node graph; anything outside it (flow
// collections, anchors, block scalars, escapes, nesting, comments after values) returns
// nullopt and goes to yaml-cpp, so the result is always what yaml-cpp would give.
class SimpleYaml {
 public:
  static std::optional<Json> parse(std::string_view raw) {
    ObjectBuilder object;
    std::string pending_key;  // a `key:` with nothing after it, waiting for list items
    Json pending_list = Json::array();
    auto close_pending = [&]() -> bool {
      if (pending_key.empty())
        return true;
      if (object.contains(pending_key))
        return false;
      object.set(pending_key, pending_list.empty() ? Json(nullptr) : std::move(pending_list));
      pending_key.clear();
      pending_list = Json::array();
      return true;
    };
    text::LineReader lines(raw);
    std::string_view line;
    while (lines.next(line)) {
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r'))
        line.remove_suffix(1);
      const std::size_t indent = line.find_first_not_of(' ');
      if (indent == std::string_view::npos)
        continue;  // blank
      if (line[indent] == '#')
        continue;  // a comment line
      if (line.find('\t') != std::string_view::npos)
        return std::nullopt;
      if (line.substr(indent).starts_with("- ")) {
        if (pending_key.empty())
          return std::nullopt;  // a list item with no key above it
        std::optional<Json> item = scalar(line.substr(indent + 2));
        if (!item)
          return std::nullopt;
        pending_list.push_back(std::move(*item));
        continue;
      }
      if (indent != 0 || !close_pending())
        return std::nullopt;
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0)
        return std::nullopt;
      std::string_view key = line.substr(0, colon);
      if (key.find_first_of("#{}[],&*!|>'\"%@`?") != std::string_view::npos || key[0] == '-' ||
          key.back() == ' ') {
        return std::nullopt;
      }
      std::string_view value = line.substr(colon + 1);
      if (value.empty()) {
        pending_key = std::string(key);
        continue;
      }
      if (value[0] != ' ')
        return std::nullopt;  // "a:b" is a plain scalar key, not a pair
      std::optional<Json> parsed = scalar(value.substr(value.find_first_not_of(' ')));
      if (!parsed || object.contains(std::string(key)))
        return std::nullopt;
      object.set(std::string(key), std::move(*parsed));
    }
    if (!close_pending())
      return std::nullopt;
    return object.take();
  }

 private:
  // One scalar that fills the rest of its line.
  static std::optional<Json> scalar(std::string_view v) {
    if (v.empty())
      return std::nullopt;
    if (v[0] == '\'') {
      std::string out;
      for (std::size_t i = 1; i < v.size(); ++i) {
        if (v[i] != '\'') {
          out += v[i];
        } else if (i + 1 < v.size() && v[i + 1] == '\'') {
          out += '\'';
          ++i;
        } else {
          return i + 1 == v.size() ? std::optional<Json>(std::move(out)) : std::nullopt;
        }
      }
      return std::nullopt;  // unclosed: a multi-line scalar
    }
    if (v[0] == '"') {
      if (v.size() < 2 || v.back() != '"')
        return std::nullopt;
      const std::string_view inside = v.substr(1, v.size() - 2);
      if (inside.find_first_of("\"\\") != std::string_view::npos)
        return std::nullopt;
      return Json(std::string(inside));
    }
    if (std::string_view("-?:,[]{}#&*!|>%@`").find(v[0]) != std::string_view::npos) {
      return std::nullopt;
    }
    if (v.find(": ") != std::string_view::npos || v.find(" #") != std::string_view::npos ||
        v.back() == ':') {
      return std::nullopt;
    }
    return plain_scalar(std::string(v));
  }
};

Json parse_simple_key_values(std::string_view raw, char separator) {
  // TOML-style `key = value` / JSON-ish front matter is rare in these corpora; keep the
  // top-level scalar pairs so that nothing is lost or leaks into the text.
  ObjectBuilder object;
  text::LineReader lines(raw);
  std::string_view line;
  while (lines.next(line)) {
    const std::size_t sep = line.find(separator);
    if (sep == std::string_view::npos)
      continue;
    auto trim = [](std::string_view s) {
      const std::size_t b = s.find_first_not_of(" \t\",{");
      if (b == std::string_view::npos)
        return std::string_view();
      const std::size_t e = s.find_last_not_of(" \t\",}");
      return s.substr(b, e - b + 1);
    };
    const std::string_view key = trim(line.substr(0, sep));
    const std::string_view value = trim(line.substr(sep + 1));
    if (!key.empty())
      object.set(std::string(key), std::string(value));
  }
  return object.take();
}

}  // namespace

Result<Json> parse_front_matter(const FrontMatterSplit& split, const YamlLimits& limits) {
  if (split.kind == FrontMatterKind::none)
    return Json::object();
  if (split.raw.size() > limits.max_bytes) {
    return make_error(ErrorCode::yaml_limit, Stage::yaml,
                      "front matter is " + std::to_string(split.raw.size()) +
                          " bytes, over the limit of " + std::to_string(limits.max_bytes) +
                          " (--max-front-matter-bytes)");
  }
  if (split.kind == FrontMatterKind::toml)
    return parse_simple_key_values(split.raw, '=');
  if (split.kind == FrontMatterKind::json) {
    Json parsed = Json::parse(split.raw, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_object())
      return parsed;
    return parse_simple_key_values(split.raw, ':');
  }
  if (limits.simple_fast_path) {
    if (std::optional<Json> simple = SimpleYaml::parse(split.raw)) {
      // The same limits as yaml-cpp's path below: a map of scalars and lists of scalars.
      std::size_t nodes = 1;
      bool nested = false;
      for (const auto& [key, value] : simple->items()) {
        nodes += 1 + (value.is_array() ? value.size() : 0);
        nested |= value.is_array() && !value.empty();
      }
      if (nodes > limits.max_nodes) {
        return make_error(ErrorCode::yaml_limit, Stage::yaml,
                          "front matter has more than " + std::to_string(limits.max_nodes) +
                              " nodes (--max-yaml-nodes)");
      }
      const std::size_t depth = simple->empty() ? 0 : nested ? 2 : 1;
      if (depth > limits.max_depth) {
        return make_error(ErrorCode::yaml_limit, Stage::yaml,
                          "front matter nested deeper than " + std::to_string(limits.max_depth) +
                              " (--max-yaml-depth)");
      }
      return std::move(*simple);
    }
  }
  if (flow_nesting_exceeds(split.raw, limits.max_depth)) {
    return make_error(ErrorCode::yaml_limit, Stage::yaml,
                      "front matter nested deeper than " + std::to_string(limits.max_depth) +
                          " (--max-yaml-depth)");
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(split.raw));
  } catch (const YAML::Exception& e) {
    const int line = split.raw_first_line + (e.mark.line >= 0 ? e.mark.line : 0);
    const int column = e.mark.column >= 0 ? e.mark.column + 1 : 1;
    return make_error(ErrorCode::yaml_syntax, Stage::yaml,
                      "front matter: " + e.msg + " at line " + std::to_string(line) + ":" +
                          std::to_string(column));
  }
  if (!root.IsDefined() || root.IsNull())
    return Json::object();
  Converter converter(limits);
  Result<Json> converted = [&]() -> Result<Json> {
    try {
      return converter.convert(root, 0);
    } catch (const YAML::Exception& e) {
      return make_error(ErrorCode::yaml_syntax, Stage::yaml, "front matter: " + e.msg);
    }
  }();
  if (!converted)
    return converted;
  if (!converted->is_object()) {
    // A scalar or a list on its own is not a mapping of fields; keep it under a key.
    Json wrapped = Json::object();
    wrapped["front_matter"] = std::move(converted).value();
    return wrapped;
  }
  return converted;
}

}  // namespace corpus_clean

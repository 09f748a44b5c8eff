// YAML front matter to JSON through yaml-cpp; TOML and JSON front matter read simply enough
// that nothing leaks into the text.
#include "corpus_clean/yaml_meta.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdlib>
#include <string>

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

class Converter {
 public:
  explicit Converter(const YamlLimits& limits) : limits_(limits) {}

  // Depth-limited; counts every node visited, so an alias bomb stops early.
  Result<Json> convert(const YAML::Node& node, std::size_t depth) {
    if (++nodes_ > limits_.max_nodes) {
      return make_error(ErrorCode::yaml_limit, Stage::yaml,
                        "front matter expands to more than " + std::to_string(limits_.max_nodes) +
                            " nodes (aliases?)");
    }
    if (depth > limits_.max_depth) {
      return make_error(ErrorCode::yaml_limit, Stage::yaml,
                        "front matter nested deeper than " + std::to_string(limits_.max_depth));
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
        Json object = Json::object();
        for (const auto& entry : node) {
          std::string key;
          if (entry.first.IsScalar()) {
            key = entry.first.Scalar();
          } else {
            Result<Json> complex_key = convert(entry.first, depth + 1);
            if (!complex_key)
              return std::move(complex_key).take_error();
            key = complex_key->dump();
          }
          Result<Json> value = convert(entry.second, depth + 1);
          if (!value)
            return std::move(value).take_error();
          object[key] = std::move(value).value();
        }
        return object;
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

Json parse_simple_key_values(std::string_view raw, char separator) {
  // TOML-style `key = value` / JSON-ish front matter is rare in these corpora; keep the
  // top-level scalar pairs so that nothing is lost or leaks into the text.
  Json object = Json::object();
  std::size_t pos = 0;
  while (pos < raw.size()) {
    std::size_t end = raw.find('\n', pos);
    if (end == std::string_view::npos)
      end = raw.size();
    std::string_view line = raw.substr(pos, end - pos);
    pos = end + 1;
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
      object[std::string(key)] = std::string(value);
  }
  return object;
}

}  // namespace

Result<Json> parse_front_matter(const FrontMatterSplit& split, const YamlLimits& limits) {
  if (split.kind == FrontMatterKind::none)
    return Json::object();
  if (split.raw.size() > limits.max_bytes) {
    return make_error(ErrorCode::yaml_limit, Stage::yaml,
                      "front matter is " + std::to_string(split.raw.size()) +
                          " bytes, over the limit of " + std::to_string(limits.max_bytes));
  }
  if (split.kind == FrontMatterKind::toml)
    return parse_simple_key_values(split.raw, '=');
  if (split.kind == FrontMatterKind::json) {
    Json parsed = Json::parse(split.raw, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_object())
      return parsed;
    return parse_simple_key_values(split.raw, ':');
  }
  if (flow_nesting_exceeds(split.raw, limits.max_depth)) {
    return make_error(ErrorCode::yaml_limit, Stage::yaml,
                      "front matter nested deeper than " + std::to_string(limits.max_depth));
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

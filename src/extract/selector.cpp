// Parsing and matching the simple element selectors of the rules file.
#include "extract/selector.hpp"

#include <cctype>

#include "text/strings.hpp"

namespace corpus_clean {
namespace {

bool is_name_char(char c) {
  return text::is_ascii_alpha(c) || text::is_ascii_digit(c) || c == '-' || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}

Error selector_error(std::string_view text, const std::string& why) {
  return make_error(ErrorCode::invalid_option, Stage::rules,
                    "bad selector '" + std::string(text) + "': " + why);
}

// True when the space-separated list `list` contains `word`.
bool has_word(std::string_view list, std::string_view word) {
  std::size_t pos = 0;
  while (pos < list.size()) {
    while (pos < list.size() && text::is_ascii_space(list[pos]))
      ++pos;
    std::size_t end = pos;
    while (end < list.size() && !text::is_ascii_space(list[end]))
      ++end;
    if (end > pos && list.substr(pos, end - pos) == word)
      return true;
    pos = end;
  }
  return false;
}

}  // namespace

Result<Selector> parse_selector(std::string_view text) {
  Selector selector;
  selector.source = std::string(text);
  std::size_t i = 0;
  auto read_name = [&]() {
    const std::size_t start = i;
    while (i < text.size() && is_name_char(text[i]))
      ++i;
    return text.substr(start, i - start);
  };
  if (text.empty())
    return selector_error(text, "empty");
  if (is_name_char(text[0]) || text[0] == '*') {
    if (text[0] == '*') {
      ++i;
    } else {
      selector.tag = text::ascii_lower(read_name());
    }
  }
  while (i < text.size()) {
    const char c = text[i++];
    if (c == '.' || c == '#') {
      const std::string_view name = read_name();
      if (name.empty())
        return selector_error(text, std::string("a name must follow '") + c + "'");
      if (c == '.') {
        selector.classes.emplace_back(name);
      } else {
        selector.id = std::string(name);
      }
    } else if (c == '[') {
      AttributeTest test;
      test.name = text::ascii_lower(read_name());
      if (test.name.empty())
        return selector_error(text, "an attribute name must follow '['");
      if (i < text.size() && text[i] != ']') {
        if (text.substr(i).starts_with("^=")) {
          test.op = AttributeTest::Op::prefix;
          i += 2;
        } else if (text.substr(i).starts_with("*=")) {
          test.op = AttributeTest::Op::contains;
          i += 2;
        } else if (text[i] == '=') {
          test.op = AttributeTest::Op::equals;
          i += 1;
        } else {
          return selector_error(text, "expected ']', '=', '^=' or '*=' after the attribute name");
        }
        std::size_t end;
        if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
          const char quote = text[i++];
          end = text.find(quote, i);
          if (end == std::string_view::npos)
            return selector_error(text, "unclosed quote");
          test.value = std::string(text.substr(i, end - i));
          i = end + 1;
        } else {
          end = text.find(']', i);
          if (end == std::string_view::npos)
            return selector_error(text, "missing ']'");
          test.value = std::string(text.substr(i, end - i));
          i = end;
        }
      }
      if (i >= text.size() || text[i] != ']')
        return selector_error(text, "missing ']'");
      ++i;
      selector.attributes.push_back(std::move(test));
    } else {
      return selector_error(text, std::string("unexpected '") + c +
                                      "' (only tag, .class, #id and [attr] are supported)");
    }
  }
  return selector;
}

bool matches(const Selector& selector, const ElementView& element) {
  if (!selector.tag.empty() && selector.tag != element.tag())
    return false;
  if (!selector.id.empty()) {
    const char* id = element.attribute("id");
    if (!id || selector.id != id)
      return false;
  }
  if (!selector.classes.empty()) {
    const char* classes = element.attribute("class");
    if (!classes)
      return false;
    for (const std::string& cls : selector.classes) {
      if (!has_word(classes, cls))
        return false;
    }
  }
  for (const AttributeTest& test : selector.attributes) {
    const char* value = element.attribute(test.name);
    if (!value)
      return false;
    const std::string_view v(value);
    switch (test.op) {
      case AttributeTest::Op::exists:
        break;
      case AttributeTest::Op::equals:
        if (v != test.value)
          return false;
        break;
      case AttributeTest::Op::prefix:
        if (!v.starts_with(test.value))
          return false;
        break;
      case AttributeTest::Op::contains:
        if (v.find(test.value) == std::string_view::npos)
          return false;
        break;
    }
  }
  return true;
}

}  // namespace corpus_clean

// Element selectors for dropping HTML subtrees: `tag`, `.class`, `#id`, `tag.class`, `[attr]`,
// `[attr=v]`, `[attr^=v]`, `[attr*=v]`, and combinations of them on one element
// (`div.a.b[hidden]`). No combinators: a rule names the element to drop, not its context.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "corpus_clean/error.hpp"

namespace corpus_clean {

struct AttributeTest {
  enum class Op { exists, equals, prefix, contains };
  std::string name;
  Op op = Op::exists;
  std::string value;
};

struct Selector {
  std::string tag;                   // lower case; empty matches any element
  std::string id;                    // empty: any
  std::vector<std::string> classes;  // all must be present
  std::vector<AttributeTest> attributes;
  std::string source;  // the text it was parsed from, for messages
};

Result<Selector> parse_selector(std::string_view text);

// What a selector needs to know of an element; the extractor fills it from gumbo's node.
class ElementView {
 public:
  virtual ~ElementView() = default;
  virtual std::string_view tag() const = 0;  // lower case
  // nullptr when the attribute is absent.
  virtual const char* attribute(std::string_view name) const = 0;
};

bool matches(const Selector& selector, const ElementView& element);

}  // namespace corpus_clean

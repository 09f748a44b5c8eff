// An HTML body parsed once, for every stage that reads HTML: the block walk, the page's own
// metadata, and the choice of the article on a whole page all work on the same gumbo tree.
//
//   html::Document doc = html::Document::parse(body, {.max_depth = 256});
//   PageMetadata page = read_page_metadata(doc);
//   HtmlExtraction blocks = extract_html_blocks(doc, doc.body(), options);
//
// Before gumbo sees the bytes they are prepared: Markdown autolinks (`<http://...>`, which
// Jekyll bodies mix into HTML) become anchors, nesting past the depth limit is flattened, and
// what can never be text (scripts, styles, SVG, comments) is left out (html_depth.hpp). The
// document owns the prepared bytes; gumbo's nodes point into them.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/selector.hpp"

namespace corpus_clean::html {

struct ParseOptions {
  std::size_t max_depth = 256;  // elements nested deeper are flattened, their text kept
  // Leave out scripts, styles, SVG and the like before parsing (html_depth.hpp); JSON-LD is kept
  // in json_ld(). Off only to compare against a full parse in tests.
  bool strip_non_text = true;
};

class Document {
 public:
  static Document parse(std::string_view body, const ParseOptions& options = {});
  // The same in two steps: the bytes prepared (what gumbo will see: prepared()), then parsed.
  static Document prepare(std::string_view body, const ParseOptions& options = {});
  void parse();
  std::string_view prepared() const { return html_; }

  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
  ~Document();

  // The <html> element; its <head> and <body> (gumbo always makes all three). Null only when
  // gumbo could not parse at all.
  const GumboNode* root() const;
  const GumboNode* head() const;
  const GumboNode* body() const;
  // True when the bytes hold a <head> or <body> tag of their own: a whole page, not a fragment.
  bool is_whole_page() const;

  // The Markdown autolinks found before parsing, in order.
  const std::vector<std::string>& autolinks() const { return autolinks_; }
  std::size_t deepest() const { return deepest_; }           // nesting seen (approximate)
  std::size_t flattened_tags() const { return flattened_; }  // tags dropped past the limit
  // The content of the page's JSON-LD scripts, taken out before parsing.
  const std::vector<std::string>& json_ld() const { return json_ld_; }

 private:
  Document();
  struct OutputDeleter {
    void operator()(GumboOutput* output) const;
  };
  std::string html_;
  std::unique_ptr<GumboOutput, OutputDeleter> output_;
  std::vector<std::string> autolinks_;
  std::vector<std::string> json_ld_;
  std::size_t deepest_ = 0;
  std::size_t flattened_ = 0;
};

// Hidden by the markup itself: the `hidden` attribute or an inline display:none.
bool is_hidden(const GumboElement& element);

// The index of the first selector that matches the element, if any.
std::optional<std::size_t> matching_selector(const GumboElement& element,
                                             const std::vector<Selector>& selectors);

// The visible text of a subtree, whitespace folded, at most `limit` bytes (for --explain and for
// short elements such as headings).
std::string node_text(const GumboNode* root, std::size_t limit);

// The first child element of `node` with this tag, or null.
const GumboNode* child_element(const GumboNode* node, GumboTag tag);
// The value of an attribute, or null.
const char* attribute(const GumboElement& element, const char* name);
const char* attribute(const GumboNode* node, const char* name);

}  // namespace corpus_clean::html

// Stage 7, extract blocks: body text to blocks. HTML goes through gumbo, walked iteratively
// (deep nesting must not overflow the stack); Markdown and plain text are split by lines.
//   - block elements start new blocks; inline elements (span, a, font, strong) add nothing,
//     so `扩大两国<a>农产品</a>贸易` stays `扩大两国农产品贸易`;
//   - <br> breaks a line; script, style, noscript, template and comments never reach text;
//   - tables give one block per row; images and stand-alone autolinks are collected.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "corpus_clean/types.hpp"
#include "extract/blocks.hpp"
#include "extract/selector.hpp"

namespace corpus_clean {

// One subtree a selector removed, for --explain.
struct DroppedElement {
  std::size_t selector_index = 0;  // into ExtractOptions::drop
  std::string text;                // the subtree's text (what was lost)
};

struct ExtractOptions {
  // Elements matching any of these are dropped with their subtree. Not owned.
  const std::vector<Selector>* drop = nullptr;
  // Keep the text of dropped subtrees in DroppedElement::text (for --explain).
  bool describe_dropped = true;
  // The article on a whole page (main-content selection): the whole document is walked, and
  // the blocks outside these roots, or inside the pruned elements, are marked `aside`. Not
  // owned; null: every block is text.
  const std::unordered_set<const GumboNode*>* article_roots = nullptr;
  const std::unordered_set<const GumboNode*>* pruned = nullptr;
  // Where an <img> keeps its address, tried in order (the vocabulary's image_attributes). Not
  // owned; null: src only.
  const std::vector<std::string>* image_attributes = nullptr;
  // HTML nested deeper than this is flattened: elements past this depth are not opened as
  // blocks, their text still counts.
  std::size_t max_html_depth = 256;
};

struct HtmlExtraction {
  Extraction extraction;
  std::vector<DroppedElement> dropped;
};

namespace html {
class Document;
}  // namespace html

// The blocks of a parsed document, in reading order.
HtmlExtraction extract_html_blocks(const html::Document& doc, const ExtractOptions& options);
// Parses `body` and extracts the blocks of the whole document.
HtmlExtraction extract_html(std::string_view body, const ExtractOptions& options = {});
Extraction extract_markdown(std::string_view body);
Extraction extract_text(std::string_view body);

// Dispatches on `format`; `dropped` receives the HTML subtrees removed by selectors.
Extraction extract(std::string_view body, Format format, const ExtractOptions& options,
                   std::vector<DroppedElement>* dropped = nullptr);

// Helpers shared by the extractors.
namespace text_util {
// Appends `text` to `out`, folding ASCII whitespace runs into one space.
void append_collapsed(std::string& out, std::string_view text);
// Decodes HTML character references (&amp; &#123; &#x7B; &nbsp; ...) in Markdown/text.
std::string decode_entities(std::string_view text);
// Joins two soft-wrapped lines: nothing between two CJK characters, else one space.
void append_soft_line(std::string& out, std::string_view line);
}  // namespace text_util

}  // namespace corpus_clean

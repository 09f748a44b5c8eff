// Main-content selection on a whole web page: which subtree of the parsed document is the
// article, and what inside it is not. The signals work for Chinese as for languages written
// with spaces: text length in units (a CJK character is a unit, a word is a unit), commas and
// sentence punctuation (prose has them, menus do not), the share of a node's text inside links,
// the number of paragraphs, semantic elements, and class/id hints (data, from the rules file).
//
//   MainContent choice = choose_main_content(doc, rules, &drop_selectors);
//   extract_html_blocks(doc, choice.roots, options with choice.pruned) ...
//
// In outline (after Mozilla Readability's candidate scoring, with CETD's and jusText's view of
// text and link density):
//   1. Every paragraph-like element with enough text scores 1 + commas + length/100 (at most
//      3), times one minus its link density, and hands that score to its parent (all of it),
//      grandparent (half) and further ancestors (less). An ancestor starts from its tag's and
//      its class/id hints' weight.
//   2. A candidate's final score is its score times one minus the link density of its subtree;
//      the best is the article container, moved up to a common ancestor when several strong
//      candidates share one (an article split in parts), and up while its parent scores
//      almost as well.
//   3. Siblings of the container join it when they score a share of it or read as prose (a lead
//      paragraph outside the main div, a continuation after an ad slot).
//   4. Inside, elements that read as page furniture are pruned: negative hints (share bars,
//      related lists, comments), link-dense lists and divs, forms, short blocks of images.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "extract/html_document.hpp"
#include "extract/selector.hpp"

namespace re2 {
class RE2;
}  // namespace re2

namespace corpus_clean {

// A class/id hint: an RE2 pattern matched against an element's "class id" string, lower-cased,
// and the weight it adds to the element (Readability's ±25 scale).
struct ContentHint {
  std::shared_ptr<const re2::RE2> pattern;
  int weight = 0;
  std::string why;
};

// A weight for an element by its tag (article and main up, nav and aside down).
struct ContentTagWeight {
  std::string tag;  // lower case
  int weight = 0;
  std::string why;
};

// The vocabulary and thresholds of the selection: the rules file's `main_content` section.
struct MainContentRules {
  std::vector<ContentHint> hints;
  // The hints' patterns in one RE2::Set (type-erased to keep RE2 private), in the order of
  // `hints`; set when the rules are loaded.
  std::shared_ptr<const void> hint_set;
  std::vector<ContentTagWeight> tags;
  // Headings that open the page's end matter (references, see also, related reading): inside
  // the article, such a heading and all that follows it are left out. RE2, on the heading's
  // whole text.
  std::vector<std::shared_ptr<const re2::RE2>> end_matter;
  int min_paragraph_chars = 25;  // a paragraph shorter than this scores nothing
  double sibling_share = 0.2;    // a sibling scoring this share of the container joins it
};

struct MainContent {
  // The subtrees to read, in document order: the container and the siblings that joined it.
  // Empty: nothing on the page reads as an article (read the whole page).
  std::vector<const GumboNode*> roots;
  std::unordered_set<const GumboNode*> pruned;  // elements inside the roots left out
  // What was decided, for --explain: the container, its score and the runner-up's, the
  // siblings that joined it, and each pruned element.
  struct Note {
    bool pruned = false;
    std::string text;
  };
  std::vector<Note> notes;
};

// `drop`: the elements the rules drop (they count for nothing). Not owned; may be null.
MainContent choose_main_content(const html::Document& doc, const MainContentRules& rules,
                                const std::vector<Selector>* drop);

// What a stretch of text measures: units (a CJK character, or a run of other letters and
// digits), code points that are not spaces, commas (，、,) and sentence ends (。！？.!?).
struct TextMeasure {
  std::uint32_t units = 0;
  std::uint32_t chars = 0;
  std::uint32_t commas = 0;
  std::uint32_t stops = 0;
  TextMeasure& operator+=(const TextMeasure& other);
};
TextMeasure measure_text(std::string_view text);

}  // namespace corpus_clean

// Bounds HTML nesting depth before gumbo sees a document. gumbo's cost grows with the square of
// the depth (10,000 nested <div>: 2.5 s and 790 MB), so a cheap linear pre-scan tracks the
// stack of open elements approximately and flattens what lies past the limit: the start and
// end tags of elements nested deeper than `max_depth` are dropped, their text is kept.
//
//   std::optional<std::string> flat = corpus_clean::limit_html_depth(html, 256);
//   if (flat) html = std::move(*flat);  // nullopt: nothing was deeper than 256
//
// What the scan knows of HTML parsing: void elements (br, img, ...) and html/head/body open
// nothing; comments, doctypes and the contents of script, style, textarea, title, xmp, iframe,
// noembed and noframes are skipped; the end tags and implied ends that keep real pages flat are
// followed (<p> closed by a block, <li> by the next <li>, table cells and rows, <option>), and
// an end tag closes what it matches within the HTML scope rules. Where gumbo's tree building is
// subtler (the adoption agency, foster parenting) the scan errs towards counting deeper, which
// only flattens sooner. Past the limit, elements whose content never reaches the text (svg,
// math, template, object, select, ...) are dropped with their content.
//
// One rewrite applies at any depth: a formatting element (b, i, a, font, ...) that a block
// closes implicitly gets its end tag added. gumbo would otherwise reopen it inside the next
// text, so that `<div><b></div>x` repeated nests one level deeper each time (100,000 times:
// 33 s). The text is the same either way.
//
// Linear in the input: every stack search is bounded, so no input makes the scan quadratic.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corpus_clean {

struct HtmlDepthStats {
  std::size_t max_depth = 0;         // the deepest nesting of elements seen (approximate)
  std::size_t dropped_tags = 0;      // start and end tags removed
  std::size_t closed_tags = 0;       // end tags added for formatting elements closed implicitly
  std::vector<std::string> json_ld;  // with strip_non_text: the JSON-LD scripts' content
};

struct HtmlPrescanOptions {
  std::size_t max_depth = 256;
  // Also leave out what can never become text, so that gumbo need not tokenize it: comments,
  // the bodies of script (JSON-LD is kept aside in the stats), style, iframe and textarea, and
  // svg, math, noscript and template elements with their content. On a whole page these are
  // most of the bytes.
  bool strip_non_text = false;
};

// The pre-scan with both jobs; nullopt when nothing changes.
std::optional<std::string> prescan_html(std::string_view html, const HtmlPrescanOptions& options,
                                        HtmlDepthStats* stats = nullptr);

// `html` with the elements nested deeper than `max_depth` flattened (and implicitly closed
// formatting elements closed), or nullopt when there is nothing to change (the common case,
// which copies nothing). `stats`, when given, is filled in either case.
std::optional<std::string> limit_html_depth(std::string_view html, std::size_t max_depth,
                                            HtmlDepthStats* stats = nullptr);

}  // namespace corpus_clean

// The HTML depth pre-scan: what it flattens, what it leaves alone, and that hostile nesting
// stays linear and leaves gumbo a shallow tree.
#include "extract/html_depth.hpp"

#include <gtest/gtest.h>
#include <gumbo.h>

#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "extract/extract.hpp"

namespace corpus_clean {
namespace {

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i)
    out.append(s);
  return out;
}

std::size_t count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

// The depth of the element tree gumbo builds (html and body included).
std::size_t gumbo_depth(const std::string& html) {
  struct Deleter {
    void operator()(GumboOutput* output) const {
      gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
  };
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  std::unique_ptr<GumboOutput, Deleter> output(
      gumbo_parse_with_options(&options, html.data(), html.size()));
  std::size_t deepest = 0;
  std::vector<std::pair<const GumboNode*, std::size_t>> stack{{output->root, 1}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, depth);
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE)
      continue;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE)
        stack.emplace_back(child, depth + 1);
    }
  }
  return deepest;
}

TEST(HtmlDepth, Table) {
  struct Row {
    std::string in;
    std::size_t max_depth;
    std::optional<std::string> out;  // nullopt: left alone
  };
  const Row rows[] = {
      // Within the limit: nothing is copied.
      {"<div><div>a</div></div>", 2, std::nullopt},
      {"", 1, std::nullopt},
      {"plain text, no tags < at all >", 1, std::nullopt},
      // Past it: the tags go, the text stays; a block tag leaves a space, an inline one nothing.
      {"<div><div><div>a</div></div></div>", 2, "<div><div> a </div></div>"},
      {"<span><span><span>a</span></span></span>", 2, "<span><span>a</span></span>"},
      {"<b><i><u>x</u></i></b>", 2, "<b><i>x</i></b>"},
      {"<DIV><Div>x</dIV></DIV>", 1, "<DIV> x </DIV>"},
      {"<div>x</div>", 0, " x "},
      // Void elements, html/head/body open nothing.
      {"<div><br><img src=x><hr><br/>a</div>", 1, std::nullopt},
      {"<html><head><meta charset=utf-8></head><body><p>a</p></body></html>", 1, std::nullopt},
      // Implied ends keep real pages flat.
      {"<p>a<p>b<p>c", 1, std::nullopt},
      {"<p>a<div>b</div>", 1, std::nullopt},
      {"<p>a<span>b<div>c</div>", 2, std::nullopt},
      {"<h1>a<h2>b", 1, std::nullopt},
      {"<ul><li>a<li>b<li>c</ul>", 2, std::nullopt},
      {"<ul><li>a<div>b<li>c</ul>", 3, std::nullopt},
      {"<dl><dt>a<dd>b<dt>c</dl>", 2, std::nullopt},
      {"<table><tr><td>a<td>b<tr><td>c<th>d</table>", 3, std::nullopt},
      {"<table><tbody><tr><td>a<tbody><tr><td>b</table>", 4, std::nullopt},
      {"<select><option>a<option>b<optgroup><option>c</select>", 3, std::nullopt},
      {"<a href=1>a<a href=2>b<a href=3>c", 1, std::nullopt},
      // An end tag closes what it matches, and what is open above it.
      {"<div><span><em>x</em>y</div><div>z</div>", 3, std::nullopt},
      {"<div><div>x</span></div></div>", 1, "<div> x</span> </div>"},
      // Comments, declarations and raw text hide their tags.
      {"<!DOCTYPE html><div><!-- <div><div><div> --></div>", 1, std::nullopt},
      {"<div><!--><div>a</div>", 2, std::nullopt},
      {"<div><script>'<div><div></scripts>'</script></div>", 1, std::nullopt},
      {"<div><style>p > a { x: '<div>' }</STYLE ></div>", 1, std::nullopt},
      {"<div><textarea><div><div></textarea><title><p><p></title></div>", 1, std::nullopt},
      {"<div><?php echo '<div>'; ?></div>", 1, std::nullopt},
      // A quoted '>' does not end a tag; an unquoted one does.
      {"<div title=\"a>b\" data-x='<div>'><div>x</div></div>", 1,
       "<div title=\"a>b\" data-x='<div>'> x </div>"},
      {"<div title=a><div>x</div></div>", 1, "<div title=a> x </div>"},
      // A tag cut off by the end of the document is gumbo's to drop.
      {"<div><div", 1, std::nullopt},
      {"<div><div title=\"x>", 1, std::nullopt},
      // <plaintext>: the rest is text.
      {"<div><plaintext><div><div>", 1, std::nullopt},
      // "/>" closes only foreign elements; an HTML <div/> is a <div>.
      {"<svg><path/><path/><path/></svg>", 2, std::nullopt},
      {"<div/><div/><div/>", 2, "<div/><div/> "},
      // Past the limit, an element whose content never reaches the text goes with its content.
      {"<div><svg><text>no</text></svg>yes</div>", 1, "<div>yes</div>"},
      {"<div><template><p>no</p></template>yes</div>", 1, "<div>  yes</div>"},
      {"<div><select><option>no</select>yes</div>", 1, "<div>  yes</div>"},
      {"<div><svg><svg>no</svg>no</svg>yes</div>", 1, "<div>yes</div>"},
      {"<div><svg>no", 1, "<div>"},
      // A formatting element a block closes implicitly gets its end tag, at any depth.
      {"<p><b>x</p>y", 8, "<p><b>x</p></b>y"},
      {"<div><i><b>x</div>y", 8, "<div><i><b>x</div></b></i>y"},
      {"<p><b>x</b></p>y", 8, std::nullopt},
      {"<a href=1>a<a href=2>b", 8, std::nullopt},
  };
  for (const Row& row : rows) {
    const std::optional<std::string> out = limit_html_depth(row.in, row.max_depth);
    EXPECT_EQ(out, row.out) << row.in << " (max " << row.max_depth << ")";
  }
}

TEST(HtmlDepth, Stats) {
  HtmlDepthStats stats;
  EXPECT_FALSE(limit_html_depth("<p>a<p>b", 4, &stats));
  EXPECT_EQ(stats.max_depth, 1u);
  EXPECT_EQ(stats.dropped_tags, 0u);
  EXPECT_TRUE(limit_html_depth("<div><div><div>a</div></div></div>", 1, &stats));
  EXPECT_EQ(stats.max_depth, 3u);
  EXPECT_EQ(stats.dropped_tags, 4u);
}

TEST(HtmlDepth, AMillionNestedDivsFlattenAndKeepTheirText) {
  const std::size_t n = 1'000'000;
  const std::string html = repeat("<div>", n) + "深处的文字" + repeat("</div>", n);
  HtmlDepthStats stats;
  const std::optional<std::string> flat = limit_html_depth(html, 256, &stats);
  ASSERT_TRUE(flat);
  EXPECT_EQ(stats.max_depth, n);
  EXPECT_EQ(stats.dropped_tags, 2 * (n - 256));
  EXPECT_EQ(count(*flat, "<div>"), 256u);
  EXPECT_EQ(count(*flat, "</div>"), 256u);
  EXPECT_NE(flat->find("深处的文字"), std::string::npos);

  const HtmlExtraction extracted = extract_html(html);
  ASSERT_EQ(extracted.extraction.blocks.size(), 1u);
  EXPECT_EQ(extracted.extraction.blocks[0].text, "深处的文字");
}

TEST(HtmlDepth, UnclosedParagraphsStayParagraphs) {
  const std::size_t n = 100'000;
  const std::string html = repeat("<p>段落", n);
  HtmlDepthStats stats;
  EXPECT_FALSE(limit_html_depth(html, 256, &stats));
  EXPECT_EQ(stats.max_depth, 1u);
  EXPECT_EQ(extract_html(html).extraction.blocks.size(), n);
}

TEST(HtmlDepth, HostileEndTagsStayLinear) {
  // Each stray end tag would search all the open spans without the search bound.
  const std::size_t n = 300'000;
  const std::string html = "<div>" + repeat("<span>", n) + "x" + repeat("</div>", n);
  HtmlDepthStats stats;
  const std::optional<std::string> flat = limit_html_depth(html, 256, &stats);
  ASSERT_TRUE(flat);
  EXPECT_EQ(count(*flat, "<span>"), 255u);
  EXPECT_LE(gumbo_depth(*flat), 256u + 4u);
}

TEST(HtmlDepth, ReopenedFormattingElementsDoNotPileUp) {
  // gumbo reopens a <b> that a </div> closed before the next text: without the added end
  // tags each round nests one level deeper (100,000 rounds took gumbo 33 s).
  std::string html;
  for (int i = 0; i < 20'000; ++i)
    html += "<div><b id=" + std::to_string(i) + "></div>x";
  HtmlDepthStats stats;
  const std::optional<std::string> out = limit_html_depth(html, 256, &stats);
  ASSERT_TRUE(out);
  EXPECT_EQ(stats.closed_tags, 20'000u);
  EXPECT_LE(gumbo_depth(*out), 8u);
}

TEST(HtmlDepth, RandomTagSoupLeavesGumboAShallowTree) {
  // Whatever the mix of tags, gumbo's tree after the scan stays within a small multiple of
  // the limit (gumbo adds html, body, tbody, and reopens formatting elements).
  static constexpr std::string_view kTags[] = {
      "<div>",  "</div>",     "<p>",      "</p>",      "<span>",       "</span>",       "<b>",
      "</b>",   "<i>",        "</i>",     "<a>",       "</a>",         "<li>",          "<ul>",
      "</ul>",  "<table>",    "</table>", "<tr>",      "<td>",         "</td>",         "<svg>",
      "</svg>", "<font>",     "</font>",  "<h2>",      "</h2>",        "<br>",          "x",
      "中",     "<em>",       "</em>",    "<section>", "<blockquote>", "</blockquote>", "<pre>",
      "</pre>", "<!-- c -->", "<form>",   "</form>"};
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kTags) - 1);
  for (int round = 0; round < 20; ++round) {
    std::string html;
    for (int i = 0; i < 20'000; ++i)
      html += kTags[pick(random)];
    const std::size_t limit = 32;
    const std::optional<std::string> flat = limit_html_depth(html, limit);
    const std::string& parsed = flat ? *flat : html;
    EXPECT_LE(gumbo_depth(parsed), 4 * limit) << "round " << round;
  }
}

}  // namespace
}  // namespace corpus_clean

// The HTML document parsed once: the tag table, whole pages against fragments, and the page's
// own metadata.
#include "extract/html_document.hpp"

#include <gtest/gtest.h>

#include "extract/extract.hpp"
#include "extract/html_depth.hpp"
#include "extract/html_tags.hpp"
#include "extract/page_metadata.hpp"
#include "test_util.hpp"

namespace corpus_clean {
namespace {

TEST(HtmlTags, RowsAgreeWithTheStandardAndTheWalk) {
  using html::TagRole;
  struct Row {
    GumboTag tag;
    TagRole role;
    std::uint16_t flags;  // the flags it must have
    std::uint16_t not_flags;
  };
  const Row rows[] = {
      {GUMBO_TAG_P, TagRole::block, html::kSpecial | html::kClosesP, html::kOpensNothing},
      {GUMBO_TAG_DIV, TagRole::container, html::kSpecial | html::kClosesP, 0},
      {GUMBO_TAG_SPAN, TagRole::inline_element, 0, html::kSpecial},
      {GUMBO_TAG_B, TagRole::inline_element, html::kFormatting, html::kSpecial},
      {GUMBO_TAG_SCRIPT, TagRole::skipped, html::kRawText | html::kSpecial, 0},
      {GUMBO_TAG_SVG, TagRole::skipped, html::kForeignRoot, html::kRawText},
      {GUMBO_TAG_IMG, TagRole::image, html::kOpensNothing, 0},
      {GUMBO_TAG_BR, TagRole::line_break, html::kOpensNothing, 0},
      {GUMBO_TAG_TR, TagRole::row, html::kTablePart, 0},
      {GUMBO_TAG_TD, TagRole::cell, html::kTablePart, 0},
      {GUMBO_TAG_PRE, TagRole::preformatted, html::kClosesP, 0},
      {GUMBO_TAG_HEAD, TagRole::skipped, html::kOpensNothing, 0},
      {GUMBO_TAG_UNKNOWN, TagRole::inline_element, 0, 0xFFFF},
  };
  for (const Row& row : rows) {
    const html::TagInfo& info = html::tag_info(row.tag);
    EXPECT_EQ(info.role, row.role) << gumbo_normalized_tagname(row.tag);
    EXPECT_EQ(info.flags & row.flags, row.flags) << gumbo_normalized_tagname(row.tag);
    EXPECT_EQ(info.flags & row.not_flags, 0) << gumbo_normalized_tagname(row.tag);
  }
  EXPECT_EQ(html::tag_info(GUMBO_TAG_H3).heading_level, 3);
  EXPECT_EQ(html::tag_info(GUMBO_TAG_H3).kind, BlockKind::heading);
  EXPECT_EQ(html::tag_info(GUMBO_TAG_LI).kind, BlockKind::list_item);
  EXPECT_FALSE(html::tag_info(GUMBO_TAG_DIV).sets_kind);
}

TEST(HtmlDocument, AWholePageIsToldFromAFragment) {
  struct Row {
    const char* html;
    bool whole;
  };
  const Row rows[] = {
      {"<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p></body></html>", true},
      {"<html><body><p>x</p></body></html>", true},
      {"<head><meta charset=utf-8></head><p>x</p>", true},
      {"<p>x</p><div>y</div>", false},
      {"<title>x</title><p>y</p>", false},  // a head element, but no <head> of its own
      {"plain text", false},
  };
  for (const Row& row : rows) {
    const html::Document doc = html::Document::parse(row.html);
    ASSERT_NE(doc.root(), nullptr) << row.html;
    EXPECT_NE(doc.body(), nullptr) << row.html;
    EXPECT_EQ(doc.is_whole_page(), row.whole) << row.html;
  }
}

TEST(HtmlDocument, AutolinksAndDepthAreDoneBeforeParsing) {
  const html::Document doc = html::Document::parse("<p>a</p>\n<https://x.com/a?b=1&c=2>\n" +
                                                       [] {
                                                         std::string deep;
                                                         for (int i = 0; i < 40; ++i)
                                                           deep += "<div>";
                                                         return deep + "z";
                                                       }(),
                                                   {.max_depth = 10});
  EXPECT_EQ(doc.autolinks(), (std::vector<std::string>{"https://x.com/a?b=1&c=2"}));
  EXPECT_GE(doc.deepest(), 40u);
  EXPECT_GT(doc.flattened_tags(), 0u);
}

// The blocks of a body, parsed with or without the non-text parts left out first.
std::string blocks_of(std::string_view body, bool strip) {
  const html::Document doc = html::Document::parse(body, {.strip_non_text = strip});
  std::string out;
  for (const Block& b : extract_html_blocks(doc, {}).extraction.blocks)
    out += b.text + "\n";
  return out;
}

TEST(HtmlPrescan, LeavesOutWhatCanNeverBeText) {
  struct Row {
    std::string in;
    std::string out;  // what gumbo is given
  };
  const Row rows[] = {
      {"<p>a</p><script>var x = '<p>no</p>';</script><p>b</p>", "<p>a</p><p>b</p>"},
      {"<style>p{}</style><p>a<!-- c --></p>", "<p>a</p>"},
      {"<p>a<svg><g><text>no</text></g></svg>b</p>", "<p>ab</p>"},
      {"<noscript><img src=x></noscript><template><p>t</p></template>x", "x"},
      {"<SCRIPT type=text/javascript>1</SCRIPT >x", "x"},
      // An unclosed svg ends where gumbo ends it: at a tag foreign content cannot hold.
      {"<svg><path d=1><p>kept</p>", "<p>kept</p>"},
      // Kept: the title (the page's title), xmp (shown as it is), doctype.
      {"<!DOCTYPE html><title>t</title><xmp><b></xmp>", ""},
  };
  for (const Row& row : rows) {
    HtmlDepthStats stats;
    const std::optional<std::string> out =
        prescan_html(row.in, {.max_depth = 256, .strip_non_text = true}, &stats);
    EXPECT_EQ(out.value_or(""), row.out) << row.in;
  }
  HtmlDepthStats stats;
  prescan_html(R"(<script type="application/ld+json">{"a":1}</script><script>x</script>)",
               {.max_depth = 256, .strip_non_text = true}, &stats);
  EXPECT_EQ(stats.json_ld, (std::vector<std::string>{R"({"a":1})"}));
}

TEST(HtmlPrescan, TheBlocksAreTheSameWithOrWithoutIt) {
  const std::string pages[] = {
      "<html><head><title>t</title><style>.a{}</style></head><body><div><p>正文一</p>"
      "<script>document.write('<p>x</p>')</script><p>正文<svg><text>图</text></svg>二</p>"
      "<noscript><p>开启脚本</p></noscript><ul><li>甲</li><li>乙</li></ul></div></body></html>",
      "<div><p>a<math><mi>x</mi></math>b</p><!-- <p>commented</p> --><textarea>t</textarea></div>",
      "<table><tr><td>a<iframe>f</iframe></td><td>b</td></tr></table>",
  };
  for (const std::string& page : pages)
    EXPECT_EQ(blocks_of(page, true), blocks_of(page, false)) << page;
  for (const char* dir : {"seeds", "tests/corpus"}) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(testing::source_dir() / dir)) {
      if (!entry.is_regular_file())
        continue;
      const std::string body = testing::read_all(entry.path());
      EXPECT_EQ(blocks_of(body, true), blocks_of(body, false)) << entry.path();
    }
  }
}

TEST(PageMetadata, ReadsTheHead) {
  const html::Document doc = html::Document::parse(R"(<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta charset="utf-8">
<title>  商务部谈中俄贸易
  _新浪财经 </title>
<meta property="og:title" content="商务部谈中俄贸易">
<meta name="PubDate" content=" 2022-02-10 16:05:15 ">
<meta name="empty" content="">
<link rel="stylesheet" href="/a.css"><link rel="Canonical" href="https://finance.example/a.html">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"商务部"}</script>
<script>var x = "<title>not this</title>";</script>
</head><body><p>正文</p>
<script type="application/ld+json">{"@type":"BreadcrumbList"}</script></body></html>)");
  const PageMetadata page = read_page_metadata(doc);
  EXPECT_EQ(page.title, "商务部谈中俄贸易 _新浪财经");
  EXPECT_EQ(page.lang, "zh-CN");
  EXPECT_EQ(page.canonical, "https://finance.example/a.html");
  EXPECT_EQ(page.meta_content("og:title"), "商务部谈中俄贸易");
  EXPECT_EQ(page.meta_content("pubdate"), "2022-02-10 16:05:15");  // names lower-cased
  EXPECT_EQ(page.meta_content("empty"), std::nullopt);
  EXPECT_EQ(page.meta_content("description"), std::nullopt);
  ASSERT_EQ(page.json_ld.size(), 2u);
  EXPECT_EQ(page.json_ld[0], R"({"@type":"NewsArticle","headline":"商务部"})");
}

TEST(PageMetadata, AFragmentHasNone) {
  const PageMetadata page = read_page_metadata(html::Document::parse("<p>正文</p>"));
  EXPECT_EQ(page.title, std::nullopt);
  EXPECT_EQ(page.canonical, std::nullopt);
  EXPECT_TRUE(page.meta.empty());
  EXPECT_TRUE(page.json_ld.empty());
}

}  // namespace
}  // namespace corpus_clean

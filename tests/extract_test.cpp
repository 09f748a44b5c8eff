// Extraction: HTML through gumbo, Markdown and plain text, to blocks.
#include "extract/extract.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace corpus_clean {
namespace {

std::string joined(const Extraction& e) {
  std::string out;
  for (const Block& b : e.blocks) {
    if (!out.empty())
      out += '\n';
    out += b.text;
  }
  return out;
}

struct Row {
  std::string body;
  std::string text;  // blocks joined by '\n'
};

TEST(ExtractHtml, Table) {
  const Row rows[] = {
      // Inline elements add nothing: no space, no break.
      {"<p>为扩大两国<span id=\"s\"><a href=\"x\">农产品</a></span><span></span>贸易创造条件</p>",
       "为扩大两国农产品贸易创造条件"},
      {"<p>a</p><p>b</p>", "a\nb"},
      {"<div><p>one</p>\n\n<div>two <b>bold</b> <i>it</i></div></div>", "one\ntwo bold it"},
      {"<p>line<br>break</p>", "line\nbreak"},
      {"<p>x</p><script>var a = '<p>';</script><style>.a{b:c}</style><noscript>n</noscript>", "x"},
      {"<p>x<!-- a comment --></p><!-- news_keyword_pub -->", "x"},
      {"<p>&lt;路线图&gt; &amp; &#123; &#x4E2D;</p>", "<路线图> & { 中"},
      {"<p>  spaces \n\t collapse  </p>", "spaces collapse"},
      {"<table><tr><td>a</td><td>b</td></tr><tr><th>c<br>d</th></tr></table>", "a b\nc d"},
      {"<ul><li>one</li><li>two</li></ul>", "one\ntwo"},
      {"<h1>Title</h1><p>p</p>", "Title\np"},
      {"<p hidden>gone</p><p style=\"display: none\">gone</p><p>kept</p>", "kept"},
      {"<pre>line 1\nline 2</pre>", "line 1\nline 2"},
      // Mixed Jekyll bodies: autolinks and Markdown links between HTML blocks.
      {"<p>正文</p>\n\n<http://finews.zning.xyz/a?x=1&y=2>\n\n[返回新闻](//a.com/b)｜[返回首页](//"
       "a.com/)",
       "正文\nhttp://finews.zning.xyz/a?x=1&y=2\n返回新闻｜返回首页"},
      {"<p>a</p>\n\n<>\n\n<p>b</p>", "a\nb"},
      // Broken nesting still yields the text once.
      {"<div><p>a<div>b</p></div>c", "a\nb\nc"},
      {"", ""},
  };
  for (const Row& row : rows) {
    const HtmlExtraction html = extract_html(row.body);
    EXPECT_EQ(joined(html.extraction), row.text) << row.body;
  }
}

TEST(ExtractHtml, BlockKinds) {
  const HtmlExtraction html = extract_html(
      "<h2>H</h2><p>p</p><ul><li>l</li></ul><blockquote>q</blockquote>"
      "<table><tr><td>r</td></tr></table>");
  const auto& b = html.extraction.blocks;
  ASSERT_EQ(b.size(), 5u);
  EXPECT_EQ(b[0].kind, BlockKind::heading);
  EXPECT_EQ(b[0].level, 2);
  EXPECT_EQ(b[1].kind, BlockKind::paragraph);
  EXPECT_EQ(b[2].kind, BlockKind::list_item);
  EXPECT_EQ(b[3].kind, BlockKind::quote);
  EXPECT_EQ(b[4].kind, BlockKind::table_row);
}

TEST(ExtractHtml, ImagesAndAutolinks) {
  const std::string body =
      "<p><img src=\"https://a/1.png\"><img data-src=\"https://a/2.jpg\" src=\"data:image/gif;x\">"
      "</p>\n\n<https://x.com/news/1.html>\n";
  ExtractOptions options;
  options.image_attributes = &testing::default_vocabulary().image_attributes;
  const HtmlExtraction html = extract_html(body, options);
  EXPECT_EQ(html.extraction.images,
            (std::vector<std::string>{"https://a/1.png", "https://a/2.jpg"}));
  EXPECT_EQ(html.extraction.url_candidates,
            (std::vector<std::string>{"https://x.com/news/1.html"}));
  // The lazy-loading attributes are vocabulary: without them only src counts.
  EXPECT_EQ(extract_html(body).extraction.images, (std::vector<std::string>{"https://a/1.png"}));
}

TEST(ExtractHtml, DropSelectorsRemoveSubtreesAndSayWhat) {
  std::vector<Selector> drop = {*parse_selector("div.appendQr_wrap"),
                                *parse_selector("p.article-editor")};
  ExtractOptions options;
  options.drop = &drop;
  const HtmlExtraction html = extract_html(
      "<p>正文</p><div class=\"clearfix appendQr_wrap\"><div>海量资讯</div></div>"
      "<p class=\"article-editor\">责任编辑：张亚楠 </p>",
      options);
  EXPECT_EQ(joined(html.extraction), "正文");
  ASSERT_EQ(html.dropped.size(), 2u);
  EXPECT_EQ(html.dropped[0].selector_index, 0u);
  EXPECT_EQ(html.dropped[0].text, "海量资讯");
  EXPECT_EQ(html.dropped[1].text, "责任编辑：张亚楠");
}

TEST(ExtractHtml, DeepNestingDoesNotRecurse) {
  std::string body;
  for (int i = 0; i < 5000; ++i)
    body += "<div>";
  body += "deep";
  const HtmlExtraction html = extract_html(body);
  EXPECT_EQ(joined(html.extraction), "deep");
  // Past the default limit of 256 the start tags are dropped, and the extraction says so.
  EXPECT_EQ(html.extraction.deepest, 5000u);
  EXPECT_EQ(html.extraction.flattened_tags, 5000u - 256u);
}

TEST(ExtractHtml, NestingWithinTheLimitIsNotFlattened) {
  std::string body;
  for (int i = 0; i < 200; ++i)
    body += "<div>";
  body += "<p>shallow</p>";
  const HtmlExtraction html = extract_html(body);
  EXPECT_EQ(joined(html.extraction), "shallow");
  EXPECT_EQ(html.extraction.deepest, 201u);
  EXPECT_EQ(html.extraction.flattened_tags, 0u);
}

TEST(ExtractMarkdown, Table) {
  const Row rows[] = {
      {"# 标题\n\n第一段\n第二行\n\n第二段", "标题\n第一段第二行\n第二段"},
      {"English line\ncontinues", "English line continues"},
      {"| 中华人民共和国主席<br>习近平 | 俄罗斯联邦总统<br>弗·弗·普京 |\n|---|:--:|\n| a |  |",
       "中华人民共和国主席 习近平 俄罗斯联邦总统 弗·弗·普京\na"},
      {"- one\n- two\n1. first", "one\ntwo\n1. first"},
      {"> 摘要一行\n> 第二行\n\n正文", "摘要一行第二行\n正文"},
      {"see [the link](http://x.com/a_(b)) and ![img](http://x.com/i.png \"t\")",
       "see the link and"},
      {"**bold** and `code` and \\*star\\*", "bold and code and *star*"},
      {"para<br>next", "para\nnext"},
      {"text\n\n---\n\nmore", "text\nmore"},
      {"Setext\n======\n\nbody", "Setext\nbody"},
      {"```\ncode line\n```\nafter", "code line\nafter"},
      {"<http://stock.eastmoney.com/news/1.html>", "http://stock.eastmoney.com/news/1.html"},
      {"&amp; &#26469;", "& 来"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(joined(extract_markdown(row.body)), row.text) << row.body;
  }
}

TEST(ExtractMarkdown, KindsImagesAndUrls) {
  const Extraction e =
      extract_markdown("## H2\n\n![a](http://i/1.png)\n\n<https://x.com/1>\n\n|a|b|\n");
  ASSERT_EQ(e.blocks.size(), 3u);
  EXPECT_EQ(e.blocks[0].kind, BlockKind::heading);
  EXPECT_EQ(e.blocks[0].level, 2);
  EXPECT_EQ(e.blocks[2].kind, BlockKind::table_row);
  EXPECT_EQ(e.images, (std::vector<std::string>{"http://i/1.png"}));
  EXPECT_EQ(e.url_candidates, (std::vector<std::string>{"https://x.com/1"}));
}

// Link searches are charged to a per-line budget so that brackets that never close cost linear
// time. A real line full of links stays well within it: every link resolves, however many.
TEST(ExtractMarkdown, LinkHeavyLinesResolveEveryLink) {
  std::string line;
  std::string text;
  for (int i = 0; i < 5000; ++i) {
    const std::string n = std::to_string(i);
    line += "[链接" + n + "](http://x.cn/" + n + ") ![](http://x.cn/" + n + ".png) ";
    text += (i ? " 链接" : "链接") + n;
  }
  const Extraction e = extract_markdown(line);
  EXPECT_EQ(joined(e), text);
  ASSERT_EQ(e.images.size(), 5000u);
  EXPECT_EQ(e.images.back(), "http://x.cn/4999.png");
}

// Past the budget, '[' and '(' are text: nothing is lost, and a link after a long run of
// unclosed brackets is kept as its characters rather than resolved.
TEST(ExtractMarkdown, UnclosedBracketsStayText) {
  const std::string brackets(100000, '[');
  const Extraction e = extract_markdown(brackets + "[a](http://x.cn)");
  EXPECT_EQ(joined(e), brackets + "[a](http://x.cn)");
  // A few stray ones in a long line, and the links after them still resolve.
  std::string line;
  std::string text;
  for (int i = 0; i < 20; ++i) {
    line += "[" + std::string(150, 'x') + " ";
    text += "[" + std::string(150, 'x') + " ";
  }
  const Extraction few = extract_markdown(line + "[a](http://x.cn) [b](http://y.cn)");
  EXPECT_EQ(joined(few), text + "a b");
}

TEST(ExtractText, Table) {
  const Row rows[] = {
      {"\n\n标题\n\n2021-12-01 09:16\n\n正文第一段\n续行\n\n",
       "标题\n2021-12-01 09:16\n正文第一段续行"},
      {"no blank lines\nmeans one\nparagraph per line",
       "no blank lines\nmeans one\nparagraph per line"},
      {"a  b\t c", "a b c"},
      {"", ""},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(joined(extract_text(row.body)), row.text) << row.body;
  }
}

TEST(TextUtil, DecodeEntities) {
  EXPECT_EQ(text_util::decode_entities("a &amp; b &nbsp;&#x41;&#66;&bogus; & &#0; &#xD800;"),
            "a & b \u00A0AB&bogus; & &#0; &#xD800;");
  // A reference reaches at most 10 characters to its ';'.
  EXPECT_EQ(text_util::decode_entities("&#00000065; &#000000065;"), "A &#000000065;");
  // Many '&' with no ';' near them stay as they are, and a reference after them decodes.
  const std::string run(100000, '&');
  EXPECT_EQ(text_util::decode_entities(run + "&#x41;"), run + "A");
}

}  // namespace
}  // namespace corpus_clean

// Main-content selection on whole web pages, one signal at a time, on small pages written for
// the test: what must reach the text and what must not.
#include "extract/main_content.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.hpp"

namespace corpus_clean {
namespace {

const Context& context() {
  static const auto made = Context::create(Options{});
  return **made;
}

Record clean_page(const std::string& html, Options options = {}) {
  static const auto whole = [] {
    Options o;
    o.extract = ExtractMode::whole;
    return Context::create(o);
  }();
  const Context& c = options.extract == ExtractMode::whole ? **whole : context();
  Outcome outcome = process_document(Document{"page.html", "page.html", html, {}}, c);
  EXPECT_EQ(outcome.kind, Outcome::Kind::record);
  return outcome.record;
}

// A whole page around `body`: a head, a navigation bar, a footer.
std::string page(const std::string& body,
                 const std::string& head = "<title>标题 - 示例网</title>") {
  return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">" + head +
         "</head><body><div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/a\">新闻中心</a> "
         "<a href=\"/b\">财经</a> <a href=\"/c\">登录</a> <a href=\"/d\">注册</a></div>" +
         body +
         "<div class=\"footer\"><p>Copyright © 2024 示例网 版权所有 未经授权不得转载 京ICP备"
         "12345678号</p></div></body></html>";
}

const std::string kProse1 =
    "国家统计局今天发布数据显示，四月份全国居民消费价格同比上涨百分之零点三，其中城市上涨"
    "百分之零点三，农村上涨百分之零点四，食品价格下降，非食品价格上涨。";
const std::string kProse2 =
    "专家认为，随着扩大内需政策的持续发力，消费市场将继续温和回升，物价水平总体保持稳定，"
    "全年物价运行在合理区间的基础较为牢固。";
const std::string kProse3 =
    "从环比看，四月份居民消费价格由上月下降转为上涨，主要受出行服务价格季节性上涨影响，"
    "交通工具用燃料价格也随国际油价波动有所上涨。";

std::string article() {
  return "<p>" + kProse1 + "</p><p>" + kProse2 + "</p><p>" + kProse3 + "</p>";
}

struct Row {
  std::string name;
  std::string html;
  std::vector<std::string> in;   // must be in the text
  std::vector<std::string> out;  // must not
};

TEST(MainContent, EachSignalAndItsCounterExample) {
  std::string menu;
  for (int i = 0; i < 30; ++i)
    menu += "<li><a href=\"/n" + std::to_string(i) + "\">热点新闻标题第" + std::to_string(i) +
            "条关于经济形势的报道</a></li>";
  std::string comments;
  for (int i = 0; i < 6; ++i) {
    comments += "<div class=\"comment-item\"><p>网友" + std::to_string(i) +
                "：我觉得物价确实比较稳定，菜价这两个月没怎么涨，但是房租还是有点高，希望"
                "能够多出台一些惠民政策，让老百姓的日子过得更好一些。</p></div>";
  }
  const std::vector<Row> rows = {
      {"a menu of links loses to a paragraph of prose",
       page("<div class=\"side\"><ul>" + menu + "</ul></div><div class=\"main\">" + article() +
            "</div>"),
       {kProse1, kProse3},
       {"热点新闻标题第3条", "新闻中心", "登录"}},
      {"a comment section loses to the article above it",
       page("<div class=\"article\">" + article() + "</div><div class=\"comments\">" + comments +
            "</div>"),
       {kProse1, kProse2},
       {"网友3", "房租"}},
      {"nav, aside and footer inside the article are pruned",
       page("<article>" + article() +
            "<aside><p>延伸：一段与正文无关但很长的介绍文字，用来测试侧栏会不会被当成正文，"
            "写得足够长足够长足够长。</p></aside><nav><a href=\"/p\">上一篇</a><a "
            "href=\"/n\">下一篇</a></nav></article>"),
       {kProse1, kProse3},
       {"侧栏", "上一篇", "版权所有"}},
      {"a share bar and a related list are pruned by their hints",
       page("<div id=\"content\">" + article() +
            "<div class=\"share-bar\"><a href=\"#\">微博</a><a href=\"#\">微信</a></div><div "
            "class=\"related-news\"><h3>相关新闻</h3><ul><li><a href=\"/r1\">另一篇关于物价的报道"
            "标题</a></li><li><a href=\"/r2\">第二篇关于消费的报道标题</a></li></ul></div></div>"),
       {kProse1, kProse3},
       {"微博", "另一篇关于物价", "相关新闻"}},
      {"an end-matter heading ends the article",
       page("<div class=\"post\">" + article() +
            "<h2>参考文献</h2><p>国家统计局，2024年"
            "统计公报，北京：中国统计出版社，第一版，第十二页，其他说明文字。</p></div>"),
       {kProse1, kProse3},
       {"参考文献", "统计公报"}},
      {"a lead paragraph outside the main div joins it",
       page("<div class=\"wrap\"><p class=\"lead\">" + kProse1 + "</p><div class=\"text\"><p>" +
            kProse2 + "</p><p>" + kProse3 + "</p></div></div>"),
       {kProse1, kProse2, kProse3},
       {"登录"}},
      {"a continuation after an ad slot joins it",
       page("<div class=\"wrap\"><div class=\"text\"><p>" + kProse1 + "</p><p>" + kProse2 +
            "</p></div><div class=\"ad\"><a href=\"/ad\">广告</a></div><div class=\"text\"><p>" +
            kProse3 + "</p></div></div>"),
       {kProse1, kProse2, kProse3},
       {"广告"}},
      {"links inside prose do not make it furniture",
       page("<div class=\"body\"><p>" + kProse1 +
            "据<a href=\"/x\">国家统计局</a>网站消息，"
            "<a href=\"/y\">居民消费价格</a>指数继续保持在合理区间。</p><p>" +
            kProse2 + "</p></div>"),
       {"据国家统计局网站消息", kProse2},
       {"登录"}},
      {"a line per div (as blogs write) stays",
       page("<div class=\"entry\"><div><div>今天去了海边</div><div>天气很好</div><div>拍了"
            "很多照片</div></div><p>" +
            kProse1 + "</p><p>" + kProse2 + "</p></div>"),
       {"今天去了海边", "天气很好", kProse1},
       {"登录"}},
  };
  for (const Row& row : rows) {
    const Record record = clean_page(row.html);
    for (const std::string& snippet : row.in)
      EXPECT_NE(record.text.find(snippet), std::string::npos) << row.name << ": lost " << snippet;
    for (const std::string& snippet : row.out)
      EXPECT_EQ(record.text.find(snippet), std::string::npos) << row.name << ": kept " << snippet;
  }
}

TEST(MainContent, WholeKeepsEverythingTheArticleModeLeavesOut) {
  const std::string html = page("<div class=\"main\">" + article() + "</div>");
  Options whole;
  whole.extract = ExtractMode::whole;
  EXPECT_NE(clean_page(html, whole).text.find("新闻中心"), std::string::npos);
  EXPECT_EQ(clean_page(html).text.find("新闻中心"), std::string::npos);
}

TEST(MainContent, AFragmentWithNothingToChooseIsKeptWhole) {
  // A mirrored post's body: paragraphs straight in the body, no chrome.
  const Record record = clean_page(article());
  EXPECT_EQ(record.paragraphs, 3);
}

TEST(MainContent, JsonLdArticleBodyStandsInForTextDrawnByScripts) {
  const std::string body = kProse1 + "\\n" + kProse2;
  const std::string html = page(
      "<div id=\"app\"><p>正在加载…</p></div>",
      "<title>标题 - 示例网</title><script type=\"application/ld+json\">{\"@context\":"
      "\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"标题\",\"articleBody\":\"" +
          body + "\"}</script>");
  const Record record = clean_page(html);
  EXPECT_EQ(record.text, kProse1 + "\n" + kProse2);
  // Where the markup shows the article, it is the text, whatever the JSON-LD holds.
  const std::string shown =
      page("<div class=\"main\">" + article() + "</div>",
           "<script type=\"application/ld+json\">{\"@type\":\"Article\","
           "\"articleBody\":\"一段摘要而已，并非全文，长度也不够。\"}</script>");
  EXPECT_NE(clean_page(shown).text.find(kProse3), std::string::npos);
}

TEST(MainContent, ExplainNamesTheContainerTheRunnerUpAndThePruned) {
  const std::string html = page("<div class=\"main\">" + article() +
                                "<div class=\"share\"><a href=\"#\">分享</a></div>" +
                                "</div><div class=\"sidebar\"><p>" + kProse2 + "</p></div>");
  Options options;
  options.explain = true;
  auto explaining = Context::create(options);
  const Outcome outcome =
      process_document(Document{"page.html", "page.html", html, {}}, **explaining);
  std::string notes;
  for (const ExplainEntry& e : outcome.explain) {
    if (e.rule_set == "main_content")
      notes += std::string(to_string(e.action)) + " " + e.text + "\n";
  }
  EXPECT_NE(notes.find("select chosen div.main"), std::string::npos) << notes;
  EXPECT_NE(notes.find("score"), std::string::npos) << notes;
  EXPECT_NE(notes.find("prune pruned div.share"), std::string::npos) << notes;
}

TEST(MeasureText, UnitsCommasAndStops) {
  struct MeasureRow {
    std::string in;
    std::uint32_t units, chars, commas, stops;
  };
  const MeasureRow rows[] = {
      {"中文，测试。", 4, 6, 1, 1}, {"Hello, world! 42 times.", 4, 20, 1, 2},
      {"かな、カナ", 4, 5, 1, 0},   {"  \u3000 ", 0, 0, 0, 0},
      {"e-mail", 2, 6, 0, 0},
  };
  for (const MeasureRow& row : rows) {
    const TextMeasure m = measure_text(row.in);
    EXPECT_EQ(m.units, row.units) << row.in;
    EXPECT_EQ(m.chars, row.chars) << row.in;
    EXPECT_EQ(m.commas, row.commas) << row.in;
    EXPECT_EQ(m.stops, row.stops) << row.in;
  }
}

}  // namespace
}  // namespace corpus_clean

// Metadata from front matter, and title/date from the body's first lines.
#include "metadata/metadata.hpp"

#include <gtest/gtest.h>

#include "metadata/language.hpp"
#include "metadata/links.hpp"
#include "test_util.hpp"

namespace corpus_clean {
namespace {

TEST(MetadataFromFrontMatter, SinaHexoPost) {
  const Json meta = Json::parse(R"({"title":"商务部谈中俄贸易","categories":["金融","新浪财经"],
      "headimg":"https://n.sinaimg.cn/a.png","author":"新浪财经","comments":false,
      "date":"Thu, 10 Feb 2022 08:05:15 GMT","thumbnail":"https://n.sinaimg.cn/a.png"})");
  const DocumentMetadata m =
      metadata_from_front_matter(meta, testing::default_vocabulary().front_matter, {});
  EXPECT_EQ(m.title, "商务部谈中俄贸易");
  EXPECT_EQ(m.author, "新浪财经");
  EXPECT_EQ(m.date, "2022-02-10T08:05:15Z");
  EXPECT_EQ(m.categories, (std::vector<std::string>{"金融", "新浪财经"}));
  EXPECT_TRUE(m.tags.empty());
  EXPECT_EQ(m.images,
            (std::vector<std::string>{"https://n.sinaimg.cn/a.png", "https://n.sinaimg.cn/a.png"}));
  EXPECT_TRUE(m.warnings.empty());
}

TEST(MetadataFromFrontMatter, EdgeCases) {
  struct Row {
    std::string meta;
    std::optional<std::string> title;
    std::optional<std::string> date;
    std::vector<std::string> categories;
    std::vector<std::string> tags;
    std::size_t warnings;
  };
  const Row rows[] = {
      {R"({"title":" ","date":"Invalid Date"})", std::nullopt, std::nullopt, {}, {}, 1},
      {R"({"title":"","categories":"emnews","tags":"东财滚动新闻"})",
       std::nullopt,
       std::nullopt,
       {"emnews"},
       {"东财滚动新闻"},
       0},
      {R"({"title":2021,"categories":null,"tags":[" a ",""," "]})",
       "2021",
       std::nullopt,
       {},
       {"a"},
       0},
      {R"({"date":"2022-02-04 17:56:23 +0800"})",
       std::nullopt,
       "2022-02-04T17:56:23+08:00",
       {},
       {},
       0},
      {R"({})", std::nullopt, std::nullopt, {}, {}, 0},
  };
  for (const Row& row : rows) {
    const DocumentMetadata m = metadata_from_front_matter(
        Json::parse(row.meta), testing::default_vocabulary().front_matter, {});
    EXPECT_EQ(m.title, row.title) << row.meta;
    EXPECT_EQ(m.date, row.date) << row.meta;
    EXPECT_EQ(m.categories, row.categories) << row.meta;
    EXPECT_EQ(m.tags, row.tags) << row.meta;
    EXPECT_EQ(m.warnings.size(), row.warnings) << row.meta;
  }
}

std::vector<Block> paragraphs(std::initializer_list<const char*> texts) {
  std::vector<Block> blocks;
  for (const char* t : texts)
    blocks.push_back(Block{BlockKind::paragraph, t, 0});
  return blocks;
}

TEST(TakeTitleAndDate, PlainTextTakesFirstShortLineAndDateLine) {
  std::vector<Block> blocks =
      paragraphs({"中俄总理第二十六次定期会晤联合公报（全文）", "2021-12-01 09:16", "正文。"});
  DocumentMetadata m;
  take_title_and_date_from_body(blocks, Format::text, {}, m);
  EXPECT_EQ(m.title, "中俄总理第二十六次定期会晤联合公报（全文）");
  EXPECT_EQ(m.date, "2021-12-01T09:16:00");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].text, "正文。");
}

TEST(TakeTitleAndDate, SentenceIsNotATitle) {
  std::vector<Block> blocks = paragraphs({"这是一段正文。", "第二段"});
  DocumentMetadata m;
  take_title_and_date_from_body(blocks, Format::text, {}, m);
  EXPECT_EQ(m.title, std::nullopt);
  EXPECT_EQ(blocks.size(), 2u);
}

TEST(TakeTitleAndDate, MarkdownHeadingAndSignatureDate) {
  std::vector<Block> blocks = {
      Block{BlockKind::heading, "联合声明", 1},
      Block{BlockKind::paragraph, "习近平于2023年3月20日至22日对俄罗斯联邦进行国事访问。", 0},
      Block{BlockKind::table_row, "二〇二三年三月二十一日于莫斯科 (新华社莫斯科3月21日电)", 0}};
  DocumentMetadata m;
  take_title_and_date_from_body(blocks, Format::markdown, {}, m);
  EXPECT_EQ(m.title, "联合声明");
  EXPECT_EQ(m.date, "2023-03-21");
  EXPECT_EQ(blocks.size(), 2u);  // the signature stays: it is part of the text
}

TEST(TakeTitleAndDate, KnownTitleRepeatedFirstGoesKnownDateStays) {
  std::vector<Block> blocks = paragraphs({"标题", "2021-12-01", "正文"});
  DocumentMetadata m;
  m.title = "标题";
  m.date = "2022-01-01";
  take_title_and_date_from_body(blocks, Format::html, {}, m);
  EXPECT_EQ(m.date, "2022-01-01");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].text, "2021-12-01");
}

// The first link, by position, whose whole text says it leads to the original.
TEST(OriginalLink, Table) {
  struct Row {
    const char* body;
    std::optional<std::string> url;
  };
  const Row rows[] = {
      {R"(<p><a href="https://a.example/1">阅读原文</a></p>)", "https://a.example/1"},
      {R"(<a class="x" href='https://a.example/2?a=1&amp;b=2' target=_blank> 查看原文 </a>)",
       "https://a.example/2?a=1&b=2"},
      {R"(<a href="https://a.example/3"><span>点击阅读原文</span> &gt;&gt;</a>)",
       "https://a.example/3"},
      {R"(<a href="https://a.example/4" hidden>查看知乎原文</a>)", "https://a.example/4"},
      {"正文\n\n[阅读原文](https://a.example/5 \"标题\")\n", "https://a.example/5"},
      {"[下载完整报告](https://a.example/6.pdf)", "https://a.example/6.pdf"},
      // The earlier of an anchor and a Markdown link wins.
      {"[原文链接](https://a.example/7)\n<a href=\"https://a.example/8\">阅读原文</a>",
       "https://a.example/7"},
      // Other links, longer texts, relative or other schemes: none.
      {R"(<a href="https://a.example/9">相关阅读</a>)", std::nullopt},
      {R"(<a href="https://a.example/10">阅读原文中提到的那篇报道</a>)", std::nullopt},
      {R"(<a href="/a/11">阅读原文</a>)", std::nullopt},
      {"[阅读原文](ftp://a.example/12)", std::nullopt},
      {"阅读原文：https://a.example/13", std::nullopt},
      // The link's text is the shortest one before a </a>, tags inside it aside; case and
      // spaces in the tags do not matter; brackets that are no link are passed over.
      {R"(<a href="https://a.example/14"></a>阅读原文</a>)", "https://a.example/14"},
      {R"(<A HREF="https://a.example/15">阅读原文</A >)", "https://a.example/15"},
      {R"(<a href="https://a.example/16">相关</a><a href="https://a.example/17">阅读原文</a>)",
       "https://a.example/17"},
      {"[注] 正文 [阅读原文](https://a.example/18)", "https://a.example/18"},
      {"[阅读原文](https://a.example/19\t\"标题\")", "https://a.example/19"},
  };
  const auto& texts = testing::default_vocabulary().original_link_text;
  for (const Row& row : rows)
    EXPECT_EQ(original_link(row.body, texts), row.url) << row.body;
}

TEST(PageTitle, HeadlineWithoutTheSiteName) {
  struct Row {
    const char* title;
    const char* site;
    const char* headline;
  };
  const Row rows[] = {
      {"商务部谈中俄贸易 - 新浪财经", "", "商务部谈中俄贸易"},
      {"商务部谈中俄贸易_新浪财经_新浪网", "新浪财经", "商务部谈中俄贸易"},
      {"习近平会见普京|人民网", "", "习近平会见普京"},
      {"以战时内阁审查重启停火谈判提案-中国青年网", "", "以战时内阁审查重启停火谈判提案"},
      {"煮一碗好吃的腊八粥，请记好这几个小窍门_39健康网_饮食", "",
       "煮一碗好吃的腊八粥，请记好这几个小窍门"},
      {"凤凰网 | 巴以冲突，困住中国外贸人", "凤凰网", "巴以冲突，困住中国外贸人"},
      // Must stay whole: a hyphen inside a Latin word, a dash in a headline.
      {"COVID-19 cases rise again", "", "COVID-19 cases rise again"},
      {"前4个月我国外贸向好——态势进一步巩固", "", "前4个月我国外贸向好——态势进一步巩固"},
      {"单独的标题", "", "单独的标题"},
      // A short part shaped like a site's name is not the headline, even first.
      {"理论中国网-2022年第4期", "", "2022年第4期"},
      {"2024年4月CPI同比上涨0.3%_数据_宏观频道首页_财经网 - CAIJING.COM.CN", "",
       "2024年4月CPI同比上涨0.3%"},
      // A long headline that ends like a site's name stays.
      {"国务院常务会议研究部署推进城市更新工作并审议通过条例草案提交人大 - 新华网", "",
       "国务院常务会议研究部署推进城市更新工作并审议通过条例草案提交人大"},
  };
  for (const Row& row : rows)
    EXPECT_EQ(HeadlineFinder(row.site, testing::default_vocabulary().page_meta).headline(row.title),
              row.headline)
        << row.title;
}

PageMetadata page_with(std::string title, std::vector<std::string> h1,
                       std::vector<std::pair<std::string, std::string>> meta = {}) {
  PageMetadata page;
  page.title = std::move(title);
  page.h1 = std::move(h1);
  page.meta = std::move(meta);
  return page;
}

TEST(PageTitle, TheHeadingThatShowsTheTitleNeverASectionLabel) {
  struct Row {
    PageMetadata page;
    std::vector<std::string> lines;
    std::optional<std::string> title;
  };
  const Row rows[] = {
      // The h1 that matches the title, as the page shows it.
      {page_with("雄安新区 - 维基百科，自由的百科全书", {"雄安新区[编辑]"}), {}, "雄安新区"},
      {page_with("Fed holds rates - Example News", {"Fed holds rates"}), {}, "Fed holds rates"},
      // A section label in an h1 is passed over for the title without its site name.
      {page_with("美联储维持利率不变_新闻中心_示例网", {"新闻中心", "首页"}),
       {},
       "美联储维持利率不变"},
      // og:title first among the names when no heading shows it.
      {page_with("首页 - 示例网", {"示例网"}, {{"og:title", "央行宣布降准0.5个百分点"}}),
       {},
       "央行宣布降准0.5个百分点"},
      // The short line at the top that shows the headline in full.
      {page_with("理论网-2022年第4期", {}),
       {"首页 > 期刊 > 学报 > 2022年第4期", "《某学报》2022年第4期"},
       "《某学报》2022年第4期"},
      // The first part of the title is the headline an h1 may show, even a short one.
      {page_with("夜雨_原文、翻译及赏析_白居易诗词_读古诗词网", {"夜雨"}), {}, "夜雨"},
      {PageMetadata{}, {}, std::nullopt},
  };
  for (const Row& row : rows) {
    DocumentMetadata m;
    metadata_from_page(row.page, testing::default_vocabulary().page_meta, row.lines, {}, "", m);
    EXPECT_EQ(m.title, row.title) << row.page.title.value_or("(none)");
  }
}

TEST(PageMetadata, DateUrlSiteNameAndLanguage) {
  PageMetadata page;
  page.meta = {{"og:site_name", "示例网"},
               {"article:published_time", "2024-05-20T13:15:00+08:00"},
               {"og:url", "https://example.cn/a.html"}};
  page.canonical = "/news/a.html";  // relative, and the page's address unknown: passed over
  page.lang = "zh-CN";
  DocumentMetadata m;
  metadata_from_page(page, testing::default_vocabulary().page_meta, {}, {}, "", m);
  EXPECT_EQ(m.date, "2024-05-20T13:15:00+08:00");
  EXPECT_EQ(m.url, "https://example.cn/a.html");
  EXPECT_EQ(m.site_name, "示例网");
  EXPECT_EQ(m.lang, "zh-CN");

  // Fetched from a known address (a crawl's record): the relative canonical is resolved
  // against it, and wins; one that resolves to the site's home page still does not.
  DocumentMetadata fetched;
  metadata_from_page(page, testing::default_vocabulary().page_meta, {}, {},
                     "http://m.example.cn/amp/a.html?from=feed", fetched);
  EXPECT_EQ(fetched.url, "http://m.example.cn/news/a.html");
  PageMetadata home = page;
  home.canonical = "/";
  DocumentMetadata from_home;
  metadata_from_page(home, testing::default_vocabulary().page_meta, {}, {},
                     "http://m.example.cn/amp/a.html", from_home);
  EXPECT_EQ(from_home.url, "https://example.cn/a.html");

  PageMetadata ld;
  ld.article.date_published = "2024-05-09T14:30:07.000Z";
  ld.times = {"2024-05-01"};
  DocumentMetadata from_ld;
  metadata_from_page(ld, testing::default_vocabulary().page_meta, {}, {}, "", from_ld);
  EXPECT_EQ(from_ld.date, "2024-05-09T14:30:07.000Z");  // JSON-LD before <time>

  PageMetadata times;
  times.times = {"not a date", "2024-05-01 08:00"};
  DocumentMetadata from_time;
  metadata_from_page(times, testing::default_vocabulary().page_meta, {}, {}, "", from_time);
  EXPECT_EQ(from_time.date, "2024-05-01T08:00:00");  // no zone invented

  // A front matter's fields are not overwritten by the page's.
  DocumentMetadata kept;
  kept.title = "前言";
  kept.date = "2021-01-01";
  metadata_from_page(page, testing::default_vocabulary().page_meta, {}, {}, "", kept);
  EXPECT_EQ(kept.title, "前言");
  EXPECT_EQ(kept.date, "2021-01-01");
}

TEST(Datelines, AtTheStartOrAnywhereInAShortLine) {
  struct Row {
    const char* line;
    std::optional<std::string> at_start;
    std::optional<std::string> anywhere;
  };
  const Row rows[] = {
      {"2019年06月15日08:18  来源：人民网", "2019-06-15T08:18:00", "2019-06-15T08:18:00"},
      {"2024-05-20 13:15:00 来源：中国青年网", "2024-05-20T13:15:00", "2024-05-20T13:15:00"},
      {"发布时间：2024-05-20 13:15", "2024-05-20T13:15:00", "2024-05-20T13:15:00"},
      {"时间：2024.05.20 来源：1905电影网", "2024-05-20", "2024-05-20"},
      {"原创：39健康网2024-04-23 12:27:25", std::nullopt, "2024-04-23T12:27:25"},
      {"本文来源于国家统计局 2024-05-11 09:36:26", std::nullopt, "2024-05-11T09:36:26"},
      // Not dates.
      {"2024年是关键之年", std::nullopt, std::nullopt},
      {"电话：010-12345678", std::nullopt, std::nullopt},
      {"共1200人参加", std::nullopt, std::nullopt},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(date_at_start(row.line, {}), row.at_start) << row.line;
    EXPECT_EQ(date_in_line(row.line, {}), row.anywhere) << row.line;
  }
}

TEST(Language, ScriptFirstThenTheDeclaration) {
  struct Row {
    const char* text;
    std::optional<std::string> declared;
    std::optional<std::string> lang;
  };
  const Row rows[] = {
      {"国家统计局今天发布数据，物价保持稳定。", std::nullopt, "zh"},
      {"国家统计局今天发布数据。", "en", "zh"},  // a template's lang="en" on a Chinese page
      {"新宿ゴールデン街の店舗が落札された", std::nullopt, "ja"},
      {"강형욱 안락사 얘기에 견주 오열", std::nullopt, "ko"},
      {"The Fed held rates steady on Wednesday.", "en-US", "en"},
      {"The Fed held rates steady on Wednesday.", std::nullopt, std::nullopt},
      {"The Fed held rates steady on Wednesday.", "zh-CN", std::nullopt},  // says zh, is not
      {"Jokowi soal harga beras", "in_ID", "id"},
      {"", std::nullopt, std::nullopt},
      // A few Han characters in English text do not make it Chinese.
      {"The word 中国 means China in Mandarin, spoken by many people.", "en", "en"},
  };
  for (const Row& row : rows)
    EXPECT_EQ(detect_language(row.text, row.declared), row.lang) << row.text;
}

// A text over 8 KB is told by samples spread over it: the same answer as for a short text of
// the same mix, and a passage in one place does not decide for the whole.
TEST(Language, LongTextsAreToldBySamples) {
  auto repeat = [](const std::string& s, int times) {
    std::string out;
    for (int k = 0; k < times; ++k)
      out += s;
    return out;
  };
  const std::string mixes[] = {
      "国家统计局今天发布数据，物价保持稳定。",
      "新宿ゴールデン街の店舗が落札された。",
      "강형욱 안락사 얘기에 견주 오열. ",
      "The Fed held rates steady. 美联储维持利率不变。",
      "The word 中国 means China in Mandarin, spoken by many people. ",
  };
  for (const std::string& mix : mixes) {
    const std::string long_text = repeat(mix, 2000);
    ASSERT_GT(long_text.size(), 8192u);
    EXPECT_EQ(script_language(long_text), script_language(repeat(mix, 3))) << mix;
  }
  const std::string english = repeat("The Fed held rates steady on Wednesday. ", 400);
  const std::string chinese = repeat("国家统计局今天发布数据，物价保持稳定。", 30);
  EXPECT_EQ(script_language(english + chinese + english), std::nullopt);
  EXPECT_EQ(script_language(chinese + chinese + english + chinese + chinese), std::nullopt);
  EXPECT_EQ(script_language(repeat(chinese, 20) + english), "zh");
}

}  // namespace
}  // namespace corpus_clean

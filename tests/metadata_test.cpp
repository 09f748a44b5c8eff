// Metadata from front matter, and title/date from the body's first lines.
#include "metadata/metadata.hpp"

#include <gtest/gtest.h>

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
  };
  const auto& texts = testing::default_vocabulary().original_link_text;
  for (const Row& row : rows)
    EXPECT_EQ(original_link(row.body, texts), row.url) << row.body;
}

}  // namespace
}  // namespace corpus_clean

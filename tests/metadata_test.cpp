// Metadata from front matter, and title/date from the body's first lines.
#include "metadata/metadata.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace corpus_clean

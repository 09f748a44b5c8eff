// What the pipeline makes of what a container says about a document (DocumentHints): the url
// and crawl keys, a format, a row's fields for front matter, and the record named in errors.
#include <gtest/gtest.h>

#include "corpus_clean/pipeline.hpp"
#include "test_util.hpp"

namespace corpus_clean {
namespace {

const Context& context() {
  static const std::unique_ptr<Context> built = std::move(Context::create(Options{})).value();
  return *built;
}

Record record_of(std::string bytes, DocumentHints hints) {
  Outcome outcome = process_document(
      Document{"c.warc#1", "c.warc", std::move(bytes), std::move(hints)}, context());
  EXPECT_EQ(outcome.kind, Outcome::Kind::record) << (outcome.error ? outcome.error->message() : "");
  return outcome.record;
}

TEST(Hints, TheUrlAPageNamesWinsTheCrawlsIsKeptApart) {
  const std::string canonical =
      "<html><head><link rel=canonical href=\"https://news.example.cn/a.html\"></head>"
      "<body><p>国务院常务会议部署优化营商环境。</p></body></html>";
  const std::string plain_page = "<html><head></head><body><p>国务院常务会议。</p></body></html>";
  // A mirrored post whose text names its source article (harvested by the finews rules).
  const std::string harvested =
      testing::read_all(testing::source_dir() / "seeds/004_783ffd58e21b479d.txt");
  const std::string source =
      "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202202042267307444";
  struct Row {
    const char* name;
    std::string bytes;
    std::optional<std::string> hint;
    std::optional<std::string> url;
    std::optional<std::string> crawl_url;
  };
  const Row rows[] = {
      {"a canonical link wins", canonical, "http://news.example.cn/a.html?from=rss",
       "https://news.example.cn/a.html", "http://news.example.cn/a.html?from=rss"},
      {"no canonical: where it was fetched", plain_page, "http://news.example.cn/b.html",
       "http://news.example.cn/b.html", "http://news.example.cn/b.html"},
      {"the source the text names beats where it was fetched", harvested,
       "http://mirror.example.cn/x", source, "http://mirror.example.cn/x"},
      {"a plain file: as before", harvested, std::nullopt, source, std::nullopt},
      {"a plain file, canonical", canonical, std::nullopt, "https://news.example.cn/a.html",
       std::nullopt},
  };
  for (const Row& row : rows) {
    DocumentHints hints;
    hints.url = row.hint;
    const Record record = record_of(row.bytes, hints);
    EXPECT_EQ(record.url, row.url) << row.name;
    EXPECT_EQ(record.crawl_url, row.crawl_url) << row.name;
  }
}

TEST(Hints, CrawlDateIsTheFetchTimeNotThePublicationDate) {
  struct Row {
    std::optional<std::string> fetched_at;
    std::optional<std::string> crawl_date;
  };
  const Row rows[] = {
      {"2024-05-10T06:58:00Z", "2024-05-10T06:58:00Z"},
      {"2024-05-10T06:58:00.123456Z", "2024-05-10T06:58:00.123456Z"},
      {"not a date", std::nullopt},
      {std::nullopt, std::nullopt},
  };
  for (const Row& row : rows) {
    DocumentHints hints;
    hints.fetched_at = row.fetched_at;
    const Record record = record_of("标题\n\n2023年3月21日\n\n国务院常务会议部署政策措施。", hints);
    EXPECT_EQ(record.crawl_date, row.crawl_date) << row.fetched_at.value_or("(none)");
    EXPECT_EQ(record.date, "2023-03-21") << "the page's own date is the date";
  }
}

TEST(Hints, AFormatTheContainerNamesIsTaken) {
  const std::string markdownish = "# 不是标题\n\n[链接](http://a.cn) 正文。";
  DocumentHints text;
  text.format = Format::text;
  EXPECT_EQ(record_of(markdownish, text).format, Format::text);
  EXPECT_EQ(record_of(markdownish, {}).format, Format::markdown) << "detected without one";
}

TEST(Hints, ARowsFieldsStandForFrontMatter) {
  DocumentHints hints;
  hints.meta = Json::parse(R"({"title":"行的标题","date":"2024-01-02","tags":["a"]})");
  const Record record = record_of("---\ntitle: 正文里的\n---\n正文。", hints);
  EXPECT_EQ(record.title, "行的标题");
  EXPECT_EQ(record.date, "2024-01-02");
  EXPECT_EQ(record.tags, (std::vector<std::string>{"a"}));
  EXPECT_EQ(record.meta.dump(), hints.meta->dump());
  EXPECT_NE(record.text.find("正文里的"), std::string::npos) << "the text is not front matter";
}

TEST(Hints, AFailureNamesTheRecordInsideItsContainer) {
  DocumentHints hints;
  hints.place = RecordPlace{"urn:uuid:1", 1234, std::nullopt};
  Outcome outcome = process_document(
      Document{"c.warc#urn:uuid:1", "c.warc", "---\ntitle: [a\n---\nx", hints}, context());
  ASSERT_EQ(outcome.kind, Outcome::Kind::failed);
  EXPECT_EQ(outcome.error->message().substr(0, 46),
            "c.warc: record urn:uuid:1 at offset 1234: fron");
}

}  // namespace
}  // namespace corpus_clean

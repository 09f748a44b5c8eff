// JSON Lines dumps as a document source: which field is the document and how it is read, ids,
// urls and meta; bad lines are errors naming the line, and the rest of the file is read.
#include "input/jsonl.hpp"

#include <gtest/gtest.h>

#include "container_builder.hpp"
#include "test_util.hpp"

namespace corpus_clean {
namespace {

std::vector<SourceItem> read_all(const std::string& path, const SourceOptions& options = {}) {
  std::vector<SourceItem> items;
  std::unique_ptr<DocumentSource> source = open_source(InputFile{path, "dump.jsonl"}, options);
  while (std::optional<SourceItem> item = source->next())
    items.push_back(std::move(*item));
  return items;
}

TEST(JsonLinesSource, EachRowsDocumentIdUrlAndMeta) {
  struct Row {
    std::string line;
    std::string id;                  // the item's id ("" for an error)
    std::string bytes;               // the document's bytes
    std::optional<Format> format;    // its format hint
    std::optional<std::string> url;  // its url hint
    std::string meta;                // its meta, as JSON
  };
  const Row rows[] = {
      {R"({"id":"a1","url":"http://x.cn/1","title":"标题","text":"第一段。\n第二段。"})",
       "dump.jsonl#a1", "第一段。\n第二段。", Format::text, "http://x.cn/1",
       R"({"id":"a1","url":"http://x.cn/1","title":"标题"})"},
      {R"({"id":7,"html":"<p>正文</p>","text":"正文"})", "dump.jsonl#7", "<p>正文</p>",
       std::nullopt, std::nullopt, R"({"id":7,"text":"正文"})"},
      // The html fields in order, before text; a field that is not a string is passed over.
      {R"({"content":null,"raw_content":"纯文本","text":"x"})", "dump.jsonl:3", "纯文本",
       std::nullopt, std::nullopt, R"({"content":null,"text":"x"})"},
      {R"({"id":1.5,"url":3,"text":"t"})", "dump.jsonl:4", "t", Format::text, std::nullopt,
       R"({"id":1.5,"url":3})"},
  };
  testing::TempDir dir;
  const std::string path = (dir.path() / "dump.jsonl").string();
  std::string file;
  for (const Row& row : rows)
    file += row.line + "\n";
  testing::write_all(path, file);
  const std::vector<SourceItem> items = read_all(path);
  ASSERT_EQ(items.size(), std::size(rows));
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Row& row = rows[i];
    const Document& document = items[i].document;
    ASSERT_EQ(items[i].kind, SourceItem::Kind::document) << row.line;
    EXPECT_EQ(document.id, row.id) << row.line;
    EXPECT_EQ(document.path, path) << row.line;
    EXPECT_EQ(document.bytes, row.bytes) << row.line;
    EXPECT_EQ(document.hints.format, row.format) << row.line;
    EXPECT_EQ(document.hints.url, row.url) << row.line;
    ASSERT_TRUE(document.hints.meta.has_value()) << row.line;
    EXPECT_EQ(document.hints.meta->dump(), row.meta) << row.line;
    ASSERT_TRUE(document.hints.place.has_value()) << row.line;
    EXPECT_EQ(document.hints.place->line, i + 1) << row.line;
  }
}

TEST(JsonLinesSource, BadLinesAreErrorsNamingTheLineTheRestIsRead) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "dump.jsonl").string();
  testing::write_all(path,
                     "{\"text\":\"一\"}\r\n"  // CRLF line ends
                     "\n"
                     "not json\n"
                     "[1,2]\n"
                     "{\"id\":\"x9\",\"body\":\"?\"}\n" +
                         std::string("{\"text\":\"") + std::string(200, 'x') + "\"}\n" +
                         "{\"text\":\"末\"}");  // no line end at the end
  const std::vector<SourceItem> items = read_all(path, {.max_bytes = 100});
  struct Expect {
    SourceItem::Kind kind;
    std::string what;  // skip reason or error code
    std::uint64_t line;
  };
  using K = SourceItem::Kind;
  const Expect expected[] = {
      {K::document, "", 1},
      {K::skipped, "blank_line", 2},
      {K::failed, "malformed_record", 3},
      {K::failed, "malformed_record", 4},
      {K::failed, "malformed_record", 5},
      {K::failed, "too_large", 6},
      {K::document, "", 7},
  };
  ASSERT_EQ(items.size(), std::size(expected));
  for (std::size_t i = 0; i < items.size(); ++i) {
    const SourceItem& item = items[i];
    EXPECT_EQ(item.kind, expected[i].kind) << "line " << expected[i].line;
    if (item.kind == K::skipped) {
      EXPECT_EQ(item.skip_reason, expected[i].what);
    }
    if (item.kind != K::failed)
      continue;
    EXPECT_EQ(to_string(item.error->code), expected[i].what) << "line " << expected[i].line;
    EXPECT_EQ(item.error->path, path);
    EXPECT_EQ(item.error->place->line, expected[i].line);
    EXPECT_NE(item.error->message().find(": line " + std::to_string(expected[i].line)),
              std::string::npos)
        << item.error->message();
  }
  EXPECT_EQ(items[0].document.bytes, "一");
  EXPECT_EQ(items[6].document.bytes, "末");
  EXPECT_EQ(items[4].error->place->record, "x9") << "the row's id, when it has one";
}

TEST(JsonLinesSource, NamedFieldsReplaceTheDefaults) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "dump.jsonl.gz").string();
  testing::write_all(
      path, testing::gzip_member("{\"doc_id\":\"d1\",\"link\":\"http://x.cn\",\"body\":\"正文\","
                                 "\"html\":\"<p>not this</p>\"}\n"
                                 "{\"html\":\"<p>only html</p>\"}\n"));
  SourceOptions options;
  options.jsonl = JsonlFields{{}, {"body"}, "doc_id", "link"};
  const std::vector<SourceItem> items = read_all(path, options);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].document.id, "dump.jsonl#d1");
  EXPECT_EQ(items[0].document.bytes, "正文");
  EXPECT_EQ(items[0].document.hints.format, Format::text);
  EXPECT_EQ(items[0].document.hints.url, "http://x.cn");
  EXPECT_EQ(items[1].kind, SourceItem::Kind::failed) << "html is not looked at any more";
  EXPECT_NE(items[1].error->detail.find("no string field body"), std::string::npos)
      << items[1].error->detail;
}

TEST(InputFormat, ByNameUnlessForced) {
  struct Row {
    std::string path;
    InputFormat forced;
    InputFormat expected;
  };
  using F = InputFormat;
  const Row rows[] = {
      {"CC-MAIN-1.warc.gz", F::auto_detect, F::warc},
      {"crawl.WARC", F::auto_detect, F::warc},
      {"crawl.warc.zst", F::auto_detect, F::warc},
      {"dump.jsonl", F::auto_detect, F::jsonl},
      {"dump.JSONL.gz", F::auto_detect, F::jsonl},
      {"post.md", F::auto_detect, F::plain},
      {"warc", F::auto_detect, F::plain},
      {"crawl.warc.bak", F::auto_detect, F::plain},
      {"-", F::auto_detect, F::plain},
      {"-", F::warc, F::warc},
      {"crawl.warc.gz", F::plain, F::plain},
      {"data.txt", F::jsonl, F::jsonl},
  };
  for (const Row& row : rows)
    EXPECT_EQ(input_format_of(InputFile{row.path, row.path}, row.forced), row.expected) << row.path;
}

}  // namespace
}  // namespace corpus_clean

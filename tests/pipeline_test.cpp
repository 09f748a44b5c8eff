// process_document as a whole, on what a document's source says about it beside its bytes: the
// address it was fetched from becomes the record's url only when the document names none.
#include "corpus_clean/pipeline.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace corpus_clean {
namespace {

TEST(Pipeline, FetchedUrlIsTheRecordUrlWhenTheDocumentNamesNone) {
  struct Row {
    std::string bytes;
    std::optional<std::string> fetched;
    std::optional<std::string> expected;
  };
  const Row rows[] = {
      {"# 标题\n\n正文一段。\n", "https://example.com/a", "https://example.com/a"},
      {"---\ntitle: 标题\nurl: https://news.example/b\n---\n正文。\n", "https://example.com/a",
       "https://news.example/b"},  // the document's own address wins
      {"<html><head><link rel=\"canonical\" href=\"https://news.example/c\"></head>"
       "<body><p>正文一段，足够长的文字。</p></body></html>",
       "https://example.com/a", "https://news.example/c"},
      {"# 标题\n\n正文一段。\n", std::nullopt, std::nullopt},
  };
  auto context = Context::create(Options{});
  ASSERT_TRUE(context) << context.error().message();
  for (const Row& row : rows) {
    Document document{"a.md", "a.md", row.bytes, {}};
    document.hints.url = row.fetched;
    const Outcome outcome = process_document(std::move(document), **context);
    ASSERT_EQ(outcome.kind, Outcome::Kind::record) << row.bytes;
    EXPECT_EQ(outcome.record.url, row.expected) << row.bytes;
  }
}

}  // namespace
}  // namespace corpus_clean

// Document sources: what a plain file yields, and reading its bytes later.
#include "input/source.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace corpus_clean {
namespace {

TEST(PlainFileSource, YieldsOneDeferredDocument) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "a.md").string();
  testing::write_all(path, "正文");
  auto source = open_source(InputFile{path, "a.md"}, {});
  std::optional<SourceItem> item = source->next();
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->kind, SourceItem::Kind::document);
  EXPECT_TRUE(item->deferred);
  EXPECT_EQ(item->document.id, "a.md");
  EXPECT_EQ(item->document.path, path);
  EXPECT_TRUE(item->document.bytes.empty());
  EXPECT_FALSE(source->next().has_value());
  ASSERT_TRUE(load_document(item->document, {}).ok());
  EXPECT_EQ(item->document.bytes, "正文");
}

TEST(PlainFileSource, ReadingLaterReportsWhatWentWrong) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "big.md").string();
  testing::write_all(path, std::string(100, 'x'));
  Document document{"big.md", path, {}, {}};
  Result<bool> loaded = load_document(document, {.max_bytes = 99});
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::too_large);
  Document gone{"gone.md", (dir.path() / "gone.md").string(), {}, {}};
  EXPECT_EQ(load_document(gone, {}).error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace corpus_clean

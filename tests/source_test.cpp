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

TEST(PlainFileSource, BinaryBytesAreAnErrorNotARecord) {
  testing::TempDir dir;
  struct Row {
    const char* name;
    std::string bytes;
    bool binary;
  };
  const Row rows[] = {
      {"image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\r", 12), true},
      {"nul.md", std::string("前\0后", 5), true},
      {"late-nul.md", std::string(9000, 'x') + std::string(1, '\0'), false},
      {"utf16.md",
       std::string("\xFF\xFE"
                   "a\0b\0",
                   6),
       false},
      {"text.md", "正文", false},
  };
  for (const Row& row : rows) {
    const std::string path = (dir.path() / row.name).string();
    testing::write_all(path, row.bytes);
    Document document{row.name, path, {}, {}};
    Result<bool> loaded = load_document(document, {});
    if (row.binary) {
      ASSERT_FALSE(loaded.ok()) << row.name;
      EXPECT_EQ(loaded.error().code, ErrorCode::binary_input) << row.name;
      EXPECT_EQ(loaded.error().stage, Stage::read) << row.name;
    } else {
      EXPECT_TRUE(loaded.ok()) << row.name;
    }
  }
}

}  // namespace
}  // namespace corpus_clean

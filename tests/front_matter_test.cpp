// Splitting front matter from the body, including the edge cases of real Hexo/Jekyll files.
#include "document/front_matter.hpp"

#include <gtest/gtest.h>

namespace corpus_clean {
namespace {

TEST(SplitFrontMatter, Table) {
  struct Row {
    std::string in;
    FrontMatterKind kind;
    std::string raw;
    std::string body;
    int raw_first_line;
  };
  const Row rows[] = {
      {"---\ntitle: a\n---\nbody\n", FrontMatterKind::yaml, "title: a\n", "body\n", 2},
      {"\n---\ntitle: a\n---\n\n<div>", FrontMatterKind::yaml, "title: a\n", "\n<div>", 3},
      {"\n\n  \n---\nx: 1\n---\n", FrontMatterKind::yaml, "x: 1\n", "", 5},
      {"---\nx: 1\n...\nbody", FrontMatterKind::yaml, "x: 1\n", "body", 2},
      {"--- \nx: 1\n---  \nbody", FrontMatterKind::yaml, "x: 1\n", "body", 2},
      {"---\n---\nbody", FrontMatterKind::yaml, "", "body", 2},
      {"+++\ntitle = \"a\"\n+++\nbody", FrontMatterKind::toml, "title = \"a\"\n", "body", 2},
      {";;;\n{\"title\": \"a\"}\n;;;\nbody", FrontMatterKind::json, "{\"title\": \"a\"}\n", "body",
       2},
      {"no front matter\n---\n", FrontMatterKind::none, "", "no front matter\n---\n", 0},
      {"", FrontMatterKind::none, "", "", 0},
      {"----\nx\n----\n", FrontMatterKind::none, "", "----\nx\n----\n", 0},
  };
  for (const Row& row : rows) {
    Result<FrontMatterSplit> split = split_front_matter(row.in);
    ASSERT_TRUE(split.ok()) << row.in;
    EXPECT_EQ(split->kind, row.kind) << row.in;
    EXPECT_EQ(split->raw, row.raw) << row.in;
    EXPECT_EQ(split->body, row.body) << row.in;
    EXPECT_EQ(split->raw_first_line, row.raw_first_line) << row.in;
  }
}

TEST(SplitFrontMatter, UnterminatedIsAnErrorNamingTheLine) {
  Result<FrontMatterSplit> split = split_front_matter("\n---\ntitle: a\nbody without end\n");
  ASSERT_FALSE(split.ok());
  EXPECT_EQ(split.error().code, ErrorCode::unterminated_front_matter);
  EXPECT_NE(split.error().detail.find("line 2"), std::string::npos) << split.error().detail;
}

}  // namespace
}  // namespace corpus_clean

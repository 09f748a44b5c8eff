// Discovery: recursion, sorted order, hidden entries, ids, missing inputs.
#include "input/discover.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "test_util.hpp"

namespace corpus_clean {
namespace {

using testing::TempDir;
using testing::write_all;

std::vector<std::string> ids(const Discovery& d) {
  std::vector<std::string> out;
  for (const InputFile& f : d.files)
    out.push_back(f.id);
  return out;
}

TEST(Discover, WalksSortedSkipsHidden) {
  TempDir dir;
  write_all(dir.path() / "b.md", "b");
  write_all(dir.path() / "a" / "z.md", "z");
  write_all(dir.path() / "a" / "c.html", "c");
  write_all(dir.path() / ".hidden.md", "h");
  write_all(dir.path() / ".git" / "x.md", "x");
  const Discovery d = discover({dir.path().string()});
  EXPECT_EQ(ids(d), (std::vector<std::string>{"a/c.html", "a/z.md", "b.md"}));
  EXPECT_TRUE(d.errors.empty());
  ASSERT_EQ(d.files.size(), 3u);
  EXPECT_EQ(d.files[0].path, (dir.path() / "a" / "c.html").string());
}

TEST(Discover, NamedFilesKeepTheirPathAsId) {
  TempDir dir;
  write_all(dir.path() / "x.md", "x");
  const std::string path = (dir.path() / "x.md").string();
  const Discovery d = discover({path});
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_EQ(d.files[0].path, path);
  EXPECT_EQ(d.files[0].id, path);
}

TEST(Discover, MissingInputIsAnErrorOthersGoOn) {
  TempDir dir;
  write_all(dir.path() / "x.md", "x");
  const Discovery d = discover({(dir.path() / "missing.md").string(), dir.path().string()});
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_EQ(d.errors[0].code, ErrorCode::not_found);
  EXPECT_EQ(d.errors[0].path, (dir.path() / "missing.md").string());
  EXPECT_EQ(ids(d), (std::vector<std::string>{"x.md"}));
}

TEST(Discover, SymlinkLoopIsNotFollowedForever) {
  TempDir dir;
  write_all(dir.path() / "a" / "x.md", "x");
  std::filesystem::create_directory_symlink(dir.path() / "a", dir.path() / "a" / "loop");
  const Discovery d = discover({dir.path().string()});
  EXPECT_EQ(ids(d), (std::vector<std::string>{"a/x.md"}));
  EXPECT_EQ(d.warnings.size(), 1u);
}

TEST(ReadPathList, SkipsBlankLinesAndCarriageReturns) {
  std::istringstream in("a.md\r\n\nb dir/c.md\n");
  EXPECT_EQ(read_path_list(in), (std::vector<std::string>{"a.md", "b dir/c.md"}));
}

}  // namespace
}  // namespace corpus_clean

// Reading (size limit) and decoding (UTF-8 check, BOM, line ends).
#include <gtest/gtest.h>

#include "corpus_clean/decode.hpp"
#include "corpus_clean/read.hpp"
#include "test_util.hpp"

namespace corpus_clean {
namespace {

TEST(Read, ReadsBytesAndEnforcesTheLimit) {
  testing::TempDir dir;
  testing::write_all(dir.path() / "f.txt", std::string(100, 'x'));
  const std::string path = (dir.path() / "f.txt").string();
  Result<std::string> ok = read_file(path, 100);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->size(), 100u);
  Result<std::string> big = read_file(path, 99);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, ErrorCode::too_large);
  EXPECT_NE(big.error().detail.find("--max-bytes"), std::string::npos);
}

TEST(Read, MissingAndDirectory) {
  testing::TempDir dir;
  EXPECT_EQ(read_file((dir.path() / "nope").string(), 10).error().code, ErrorCode::not_found);
  EXPECT_EQ(read_file(dir.path().string(), 10).error().code, ErrorCode::not_a_regular_file);
}

TEST(Decode, Table) {
  struct Row {
    std::string in;
    std::string out;
  };
  const Row rows[] = {
      {"plain", "plain"},
      {"\xEF\xBB\xBF"
       "中文",
       "中文"},
      {"a\r\nb\r\n", "a\nb\n"},
      {"a\rb\r", "a\nb\n"},
      {"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\n", "---\ntitle: x\n---\n"},
      {"", ""},
  };
  for (const Row& row : rows) {
    Result<Decoded> d = decode(row.in);
    ASSERT_TRUE(d.ok()) << row.in;
    EXPECT_EQ(d->text, row.out) << row.in;
  }
}

TEST(Decode, InvalidUtf8IsAClearError) {
  for (std::string bad :
       {std::string("ab\xFF"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
        std::string("\xE4\xB8"), std::string("\xF5\x80\x80\x80")}) {
    Result<Decoded> d = decode(bad);
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_EQ(d.error().code, ErrorCode::invalid_utf8);
    EXPECT_EQ(d.error().stage, Stage::decode);
  }
}

TEST(IsValidUtf8, ReportsTheOffset) {
  std::size_t offset = 0;
  EXPECT_FALSE(is_valid_utf8("12345678901中\xFF", &offset));
  EXPECT_EQ(offset, 14u);
  EXPECT_TRUE(is_valid_utf8("𠀀 emoji 😀 and 中文"));
}

}  // namespace
}  // namespace corpus_clean

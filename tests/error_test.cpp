// Error values: names and messages.
#include "corpus_clean/error.hpp"

#include <gtest/gtest.h>

namespace corpus_clean {
namespace {

TEST(Error, MessageNamesThePathFirst) {
  Error error = make_error(ErrorCode::invalid_utf8, Stage::decode, "not valid UTF-8");
  EXPECT_EQ(error.message(), "not valid UTF-8");
  error.path = "a/b.md";
  EXPECT_EQ(error.message(), "a/b.md: not valid UTF-8");
}

TEST(Error, StableNames) {
  EXPECT_EQ(to_string(Stage::front_matter), "front_matter");
  EXPECT_EQ(to_string(ErrorCode::yaml_syntax), "yaml_syntax");
  EXPECT_EQ(to_string(ErrorCode::unterminated_front_matter), "unterminated_front_matter");
}

TEST(Result, HoldsValueOrError) {
  Result<int> good = 7;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  Result<int> bad = make_error(ErrorCode::not_found, Stage::read, "gone");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace corpus_clean

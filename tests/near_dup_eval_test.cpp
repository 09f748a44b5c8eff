// The near-duplicate evaluation (bench/near_dup_eval.hpp) on the posts of tests/corpus: every
// edit kind found at the default threshold, no post taken for another.
#include "../bench/near_dup_eval.hpp"

#include <gtest/gtest.h>

namespace corpus_clean::eval {
namespace {

TEST(NearDuplicateEvaluation, EditedCopiesFoundAndOtherPostsKept) {
  const std::vector<Post> posts =
      load_posts(std::filesystem::path(CORPUS_CLEAN_SOURCE_DIR) / "tests/corpus", 200);
  ASSERT_GE(posts.size(), 30u);
  const Report report = evaluate(posts, {});
  for (std::size_t k = 0; k < report.kinds.size(); ++k) {
    const KindScore& s = report.kinds[k];
    ASSERT_GT(s.copies, 0u) << kEditKinds[k];
    EXPECT_GE(static_cast<double>(s.found) / static_cast<double>(s.copies), 0.95)
        << kEditKinds[k] << ": " << s.found << " of " << s.copies;
    EXPECT_EQ(s.wrong, 0u) << kEditKinds[k];
  }
  EXPECT_EQ(report.originals_dropped, 0u);  // no two posts of tests/corpus are one story
  EXPECT_GE(report.precision(), 0.95);
  EXPECT_GT(report.negative_pairs, 100u);
  EXPECT_LT(report.max_negative_similarity, 0.3);
}

}  // namespace
}  // namespace corpus_clean::eval

// The rules engine's first pass: loosened patterns, the anchored/unanchored split, and that the
// candidates it names include every rule that matches.
#include "rules/rule_filter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "document/format.hpp"
#include "document/front_matter.hpp"
#include "extract/extract.hpp"
#include "test_util.hpp"

namespace corpus_clean {
namespace {

TEST(RuleFilter, LoosenRepetitions) {
  struct Row {
    const char* pattern;
    const char* loose;
  };
  const Row rows[] = {
      {R"(\p{Han}{2,4})", R"(\p{Han}+)"},
      {R"(^.{0,30}声明$)", R"(^.*声明$)"},
      {"a{3}b{1,}c{0}d{00,2}", "a+b+c*d*"},
      {"a{2,3}?", "a+?"},
      {R"((?:\s+\p{Han}{1,4}){0,4})", R"((?:\s+\p{Han}+)*)"},
      // Braces that are not a counted repetition stay as they are.
      {R"(\{2\}[{]{2}[]{3}]x)", R"(\{2\}[{]+[]{3}]x)"},
      {R"([^]{2}]a)", R"([^]{2}]a)"},
      {R"([[:alpha:]{2}]a)", R"([[:alpha:]{2}]a)"},
      {R"(\x{4E00}{2}\P{Han}{1})", R"(\x{4E00}+\P{Han}+)"},
      {R"(\Q{2}\E{2})", R"(\Q{2}\E+)"},
      {"a{,2}b{x}c{", "a{,2}b{x}c{"},
      {R"([\]{2}]a)", R"([\]{2}]a)"},
  };
  for (const Row& row : rows)
    EXPECT_EQ(loosen_repetitions(row.pattern), row.loose) << row.pattern;
}

TEST(RuleFilter, AnchoredAtStart) {
  struct Row {
    const char* pattern;
    bool anchored;
  };
  const Row rows[] = {
      {"^a", true},
      {"^a|^b", true},
      {R"(\Aa|^b)", true},
      {"^(?:a|b)c", true},
      {"^(a|b)|^c", true},
      {"^[|]b", true},
      {R"(^[\]|]b)", true},
      {R"(^a\|b)", true},
      {"^(?P<m>a)|^b", true},
      {"^(?i)a", true},
      // An alternative that may start anywhere, or a ^ the test cannot see as the start.
      {"a", false},
      {"^a|b", false},
      {"^(a|b)|c", false},
      {"(?:^a)", false},
      {"(?i)^a", false},
      {R"(\^a)", false},
      {"^a|", false},
      {"", false},
      // (?m) lets ^ match after a newline.
      {"^a(?m:^b)", false},
      {"^a(?sm)b", false},
  };
  for (const Row& row : rows)
    EXPECT_EQ(anchored_at_start(row.pattern), row.anchored) << row.pattern;
}

// The filter of `patterns`, compiled as the rules compile them; a failure reported.
std::unique_ptr<const RuleFilter> build(const std::vector<std::string>& patterns,
                                        std::string& error) {
  std::vector<std::unique_ptr<RE2>> compiled;
  std::vector<const RE2*> regexes;
  for (const std::string& pattern : patterns) {
    compiled.push_back(std::make_unique<RE2>(pattern, pattern_options()));
    regexes.push_back(compiled.back().get());
  }
  return RuleFilter::build(regexes, error);
}

TEST(RuleFilter, BuildReportsBadPatterns) {
  std::string error;
  EXPECT_EQ(build({"^a", "(b"}, error), nullptr);
  EXPECT_NE(error.find("bad pattern '(b': missing )"), std::string::npos) << error;
  // Loosened, a{1001} would be a+, but the pattern as written is past RE2's limit.
  EXPECT_EQ(build({"a{1001}"}, error), nullptr);
  EXPECT_NE(error.find("invalid repetition size"), std::string::npos) << error;
  const auto filter = build({"^xa{2}", "b{2}"}, error);
  ASSERT_NE(filter, nullptr) << error;
  EXPECT_TRUE(error.empty());
  EXPECT_EQ(filter->candidates("xaa"), std::vector<int>{0});
  EXPECT_EQ(filter->candidates("abb"), std::vector<int>{1});
  EXPECT_EQ(filter->candidates("xaabb"), (std::vector<int>{0, 1}));
}

// The candidates are a superset of the rules that match, and a loose one only where loosening
// lets a near miss through: "^记者\p{Han}{2}$" names its rule for 记者张三四 too, which the rule
// then declines.
TEST(RuleFilter, CandidatesHoldEveryMatch) {
  std::string error;
  const std::vector<std::string> patterns = {R"(^记者\p{Han}{2}$)", R"([（(]记者\p{Han}{2,3}[）)])",
                                             "^(?:编辑|责编)[：:]"};
  const auto filter = build(patterns, error);
  ASSERT_NE(filter, nullptr) << error;
  struct Row {
    const char* text;
    std::vector<int> candidates;
  };
  const Row rows[] = {
      {"记者张三", {0}},
      {"记者张三四", {0}},  // loosened: the rule itself does not match
      {"正文（记者李四）正文", {1}},
      {"编辑：王五", {2}},
      {"正文编辑：王五", {}},  // anchored: not at the start
      {"记者", {}},
  };
  for (const Row& row : rows)
    EXPECT_EQ(filter->candidates(row.text), row.candidates) << row.text;
}

// Every block of every post in tests/corpus and seeds/ (and ../shared/corpus when it is there),
// against every rule set of the built-in rules: each rule whose pattern matches the block is
// among the filter's candidates.
TEST(RuleFilter, BuiltInRulesOnRealBlocks) {
  namespace fs = std::filesystem;
  std::vector<fs::path> dirs{testing::source_dir() / "tests/corpus",
                             testing::source_dir() / "seeds"};
  if (fs::is_directory(testing::shared_corpus()))
    dirs.push_back(testing::shared_corpus());
  std::vector<fs::path> files;
  for (const fs::path& dir : dirs) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().extension() != ".jsonl")
        files.push_back(entry.path());
    }
  }
  std::vector<const RuleSet*> sets{&testing::default_rules().generic()};
  for (const auto& site : testing::default_rules().sites())
    sets.push_back(site.get());
  std::size_t blocks = 0, matches = 0;
  std::set<std::pair<const RuleSet*, int>> rules_matched;
  for (const fs::path& file : files) {
    const std::string text = testing::read_all(file);
    const auto split = split_front_matter(text);
    if (!split)
      continue;
    const Extraction extraction = extract(split->body, detect_format(split->body), {});
    for (const Block& block : extraction.blocks) {
      ++blocks;
      for (const RuleSet* set : sets) {
        const std::vector<int> candidates = set->candidates(block.text);
        for (std::size_t k = 0; k < set->block_rules().size(); ++k) {
          if (!RE2::PartialMatch(block.text, *set->block_rules()[k].regex))
            continue;
          ++matches;
          rules_matched.emplace(set, static_cast<int>(k));
          EXPECT_TRUE(std::binary_search(candidates.begin(), candidates.end(), static_cast<int>(k)))
              << set->name() << " rule " << set->block_rules()[k].origin << " matches but is not a "
              << "candidate for: " << block.text;
        }
      }
    }
  }
  // The check is only as good as the matches it saw (tests/corpus and seeds alone: 847 blocks,
  // 964 matches of 32 rules).
  EXPECT_GT(blocks, 800u);
  EXPECT_GT(matches, 900u);
  EXPECT_GT(rules_matched.size(), 30u);
  std::cout << files.size() << " files, " << blocks << " blocks, " << matches << " matches of "
            << rules_matched.size() << " rules\n";
}

}  // namespace
}  // namespace corpus_clean

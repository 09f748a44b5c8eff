// Front matter YAML to JSON: typing, the shapes real files have, errors, limits.
#include "document/yaml_meta.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.hpp"

namespace corpus_clean {
namespace {

Result<Json> parse(const std::string& yaml, int first_line = 2, YamlLimits limits = {}) {
  FrontMatterSplit split;
  split.kind = FrontMatterKind::yaml;
  split.raw = yaml;
  split.raw_first_line = first_line;
  return parse_front_matter(split, limits);
}

TEST(ParseFrontMatter, Table) {
  struct Row {
    std::string yaml;
    std::string json;
  };
  const Row rows[] = {
      // Sina/Hexo: `categories: ` with a trailing space, one-space list indents.
      {"title: '商务部'\ncategories: \n - 金融\n - 新浪财经\ncomments: false\n",
       R"({"title":"商务部","categories":["金融","新浪财经"],"comments":false})"},
      {"date: Invalid Date\n", R"({"date":"Invalid Date"})"},
      {"title: ' '\n", R"({"title":" "})"},
      {"title: \"\"\n", R"({"title":""})"},
      {"title:\n", R"({"title":null})"},
      {"date: 2022-02-04 17:56:23 +0800\n", R"({"date":"2022-02-04 17:56:23 +0800"})"},
      {"date: Thu, 10 Feb 2022 08:05:15 GMT\n", R"({"date":"Thu, 10 Feb 2022 08:05:15 GMT"})"},
      {"n: 42\nf: 1.5\nq: '42'\nt: true\nz: ~\nv: 1.2.3\nlead: 007\n",
       R"({"n":42,"f":1.5,"q":"42","t":true,"z":null,"v":"1.2.3","lead":"007"})"},
      {"tags: [a, b]\nmap: {k: v}\n", R"({"tags":["a","b"],"map":{"k":"v"}})"},
      {"title: \"FF：有充足的现金支持到FF 91完成投产\"\nlayout: post\n",
       R"({"title":"FF：有充足的现金支持到FF 91完成投产","layout":"post"})"},
      {"", "{}"},
      {"# only a comment\n", "{}"},
  };
  for (const Row& row : rows) {
    Result<Json> json = parse(row.yaml);
    ASSERT_TRUE(json.ok()) << row.yaml << " → " << json.error().detail;
    EXPECT_EQ(json->dump(-1, ' ', false), row.json) << row.yaml;
  }
}

// The hand-read subset gives exactly what yaml-cpp gives: on the table above, on edge cases
// that must fall back, and on the front matter of every seed and shared-corpus post.
TEST(ParseFrontMatter, FastPathAgreesWithYamlCpp) {
  std::vector<std::string> documents = {
      "title: '商务部'\ncategories: \n - 金融\n - 新浪财经\ncomments: false\n",
      "title: 'it''s'\nx: \"a\\tb\"\ny: 'multi\n  line'\n",
      "a: 1\na: 2\n",
      "k: v # comment\n",
      "k: [1, 2]\n",
      "k: &a x\nl: *a\n",
      "k: |\n  block\n",
      "k:\n  nested: map\n",
      "k:\n- \n",
      "- top\n",
      "k: a: b\n",
      "k: -1\n",
      "k: ~\nn: null\n",
      "k: 0x1F\nf: .5\ng: 1e3\n",
      "k: 'x' y\n",
      "k: \"\"\n",
      "k: ''\n",
      "\"quoted key\": v\n",
      "key with space: v\n",
      "k:v\n",
      "k: v\n  continued\n",
      "list:\n- a\n- 'b'\n- \"c\"\n",
      "t: True\nf: FALSE\n",
      "k: 2022-02-04 17:56:23 +0800\n",
      "k: @x\n",
      "k: `x`\n"};
  for (const std::string& dir : std::vector<std::string>{testing::source_dir().string() + "/seeds",
                                                         testing::shared_corpus().string()}) {
    if (!std::filesystem::exists(dir))
      continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file())
        continue;
      const std::string text = testing::read_all(entry.path());
      Result<FrontMatterSplit> split = split_front_matter(text);
      if (split.ok() && split->kind == FrontMatterKind::yaml)
        documents.emplace_back(split->raw);
    }
  }
  YamlLimits slow;
  slow.simple_fast_path = false;
  for (const std::string& yaml : documents) {
    Result<Json> fast = parse(yaml, 2, YamlLimits{});
    Result<Json> reference = parse(yaml, 2, slow);
    ASSERT_EQ(fast.ok(), reference.ok()) << yaml;
    if (fast.ok()) {
      EXPECT_EQ(fast->dump(), reference->dump()) << yaml;
    } else {
      EXPECT_EQ(fast.error().detail, reference.error().detail) << yaml;
    }
  }
  EXPECT_GT(documents.size(), 140u);
}

TEST(ParseFrontMatter, KeepsKeyOrder) {
  Result<Json> json = parse("zeta: 1\nalpha: 2\nmid: 3\n");
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(json->dump(), R"({"zeta":1,"alpha":2,"mid":3})");
}

TEST(ParseFrontMatter, SyntaxErrorHasFileLineAndColumn) {
  // Line 3 of the document is the second line of the front matter.
  Result<Json> json = parse("title: a\nbad: [unclosed\n", 2);
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(json.error().code, ErrorCode::yaml_syntax);
  EXPECT_NE(json.error().detail.find("at line"), std::string::npos) << json.error().detail;
  Result<Json> tab = parse("title: a\n\tb: c\n", 10);
  ASSERT_FALSE(tab.ok());
  EXPECT_NE(tab.error().detail.find("line 11:"), std::string::npos) << tab.error().detail;
}

TEST(ParseFrontMatter, AliasBombHitsTheNodeLimit) {
  std::string yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char name = 'b'; name <= 'j'; ++name) {
    yaml += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i)
      yaml += std::string(i ? ", *" : "*") + prev;
    yaml += "]\n";
    prev = name;
  }
  Result<Json> json = parse(yaml);
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(json.error().code, ErrorCode::yaml_limit);
}

TEST(ParseFrontMatter, DeepNestingIsRefusedBeforeParsing) {
  Result<Json> json = parse("x: " + std::string(100000, '[') + "\n");
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(json.error().code, ErrorCode::yaml_limit);
}

// The limits hold the same on the hand-read fast path as through yaml-cpp: a map of 3 keys, one
// holding a list of 2, is 6 nodes (the map, 3 values, 2 items) and 2 levels deep.
TEST(ParseFrontMatter, LimitsAreTheSameOnBothPaths) {
  const std::string yaml = "title: t\ncomments: false\ncategories:\n - a\n - b\n";
  for (const bool fast : {true, false}) {
    YamlLimits limits;
    limits.simple_fast_path = fast;
    limits.max_nodes = 6;
    limits.max_depth = 2;
    EXPECT_TRUE(parse(yaml, 2, limits).ok()) << "fast path: " << fast;

    limits.max_nodes = 5;
    Result<Json> nodes = parse(yaml, 2, limits);
    ASSERT_FALSE(nodes.ok()) << "fast path: " << fast;
    EXPECT_EQ(nodes.error().code, ErrorCode::yaml_limit);
    EXPECT_NE(nodes.error().detail.find("(--max-yaml-nodes)"), std::string::npos)
        << nodes.error().detail;

    limits.max_nodes = 6;
    limits.max_depth = 1;
    Result<Json> depth = parse(yaml, 2, limits);
    ASSERT_FALSE(depth.ok()) << "fast path: " << fast;
    EXPECT_NE(depth.error().detail.find("nested deeper than 1 (--max-yaml-depth)"),
              std::string::npos)
        << depth.error().detail;

    limits.max_depth = 2;
    limits.max_bytes = yaml.size() - 1;
    Result<Json> bytes = parse(yaml, 2, limits);
    ASSERT_FALSE(bytes.ok()) << "fast path: " << fast;
    EXPECT_NE(bytes.error().detail.find("(--max-front-matter-bytes)"), std::string::npos)
        << bytes.error().detail;
  }
}

TEST(ParseFrontMatter, ScalarDocumentIsKeptUnderAKey) {
  Result<Json> json = parse("just a line\n");
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(json->dump(), R"({"front_matter":"just a line"})");
}

TEST(ParseFrontMatter, TomlAndJsonFrontMatter) {
  FrontMatterSplit toml;
  toml.kind = FrontMatterKind::toml;
  toml.raw = "title = \"标题\"\ndate = 2021-04-17\n";
  EXPECT_EQ(parse_front_matter(toml)->dump(-1, ' ', false),
            R"({"title":"标题","date":"2021-04-17"})");
  FrontMatterSplit json;
  json.kind = FrontMatterKind::json;
  json.raw = "{\"title\": \"t\", \"n\": 2}\n";
  EXPECT_EQ(parse_front_matter(json)->dump(), R"({"title":"t","n":2})");
}

}  // namespace
}  // namespace corpus_clean

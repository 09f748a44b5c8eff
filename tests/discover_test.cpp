// Discovery: recursion, sorted order, what a walk takes and skips, ids, missing inputs.
#include "input/discover.hpp"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <sstream>

#include "input/read.hpp"
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

// The skips of a discovery, "id reason" each, sorted.
std::vector<std::string> skips(const Discovery& d) {
  std::vector<std::string> out;
  for (const Skip& s : d.skips)
    out.push_back(s.id + " " + s.reason);
  std::sort(out.begin(), out.end());
  return out;
}

const std::vector<std::string> kDefaultExtensions = WalkOptions{}.extensions;

TEST(JudgeName, DocumentsByExtensionOthersNot) {
  struct Row {
    const char* name;
    NameVerdict verdict;
  };
  const Row rows[] = {
      {"post.md", NameVerdict::document},
      {"post.markdown", NameVerdict::document},
      {"page.html", NameVerdict::document},
      {"page.htm", NameVerdict::document},
      {"page.xhtml", NameVerdict::document},
      {"notes.txt", NameVerdict::document},
      {"POST.MD", NameVerdict::document},
      {"post.md.gz", NameVerdict::document},
      {"post.html.zst", NameVerdict::document},
      {"2023.03.21.post.md", NameVerdict::document},
      {"README", NameVerdict::look_inside},
      {"LICENSE", NameVerdict::look_inside},
      {"trailing.", NameVerdict::not_a_document},
      {"image.png", NameVerdict::not_a_document},
      {"package.json", NameVerdict::not_a_document},
      {"data.csv", NameVerdict::not_a_document},
      {"style.css", NameVerdict::not_a_document},
      {"_config.yml", NameVerdict::not_a_document},
      // Crawls and dumps hold many documents each (warc.hpp, jsonl.hpp).
      {"CC-MAIN-20240510-00001.warc.gz", NameVerdict::document},
      {"crawl.warc", NameVerdict::document},
      {"crawl.WARC.zst", NameVerdict::document},
      {"out.jsonl", NameVerdict::document},
      {"dump.jsonl.gz", NameVerdict::document},
      {"dump.jsonl.zst", NameVerdict::document},
      {"crawl.arc.gz", NameVerdict::not_a_document},
      {"crawl.warcx", NameVerdict::not_a_document},
      {"data.json", NameVerdict::not_a_document},
      {"crawl.cdx.gz", NameVerdict::not_a_document},
      {"archive.tar.gz", NameVerdict::not_a_document},
      {"blob.gz", NameVerdict::not_a_document},
      {"blob.zst", NameVerdict::not_a_document},
      {"post.md.bak", NameVerdict::not_a_document},
      {"md", NameVerdict::look_inside},
      {"xmd", NameVerdict::look_inside},
      {"post.xmd", NameVerdict::not_a_document},
  };
  for (const Row& row : rows)
    EXPECT_EQ(judge_name(row.name, kDefaultExtensions), row.verdict) << row.name;
}

TEST(JudgeName, TheListDecides) {
  EXPECT_EQ(judge_name("a.rst", {"rst"}), NameVerdict::document);
  EXPECT_EQ(judge_name("a.md", {"rst"}), NameVerdict::not_a_document);
  EXPECT_EQ(judge_name("a.tar.md", {"tar.md"}), NameVerdict::document);
  EXPECT_EQ(judge_name("a.md", {"tar.md"}), NameVerdict::not_a_document);
}

TEST(ParseExtensions, ReplacesOrAdds) {
  struct Row {
    const char* list;
    std::vector<std::string> expected;  // empty: an error
  };
  const std::vector<std::string> base{"md", "txt"};
  const Row rows[] = {
      {"md,html", {"md", "html"}},
      {".MD, .Html", {"md", "html"}},
      {"+rst", {"md", "txt", "rst"}},
      {"+rst,md", {"md", "txt", "rst"}},
      {"rst", {"rst"}},
      {"tar.md", {"tar.md"}},
      {"", {}},
      {"md,", {}},
      {"+", {}},
      {"a/b", {}},
  };
  for (const Row& row : rows) {
    Result<std::vector<std::string>> got = parse_extensions(row.list, base);
    if (row.expected.empty()) {
      EXPECT_FALSE(got.ok()) << row.list;
    } else {
      ASSERT_TRUE(got.ok()) << row.list;
      EXPECT_EQ(*got, row.expected) << row.list;
    }
  }
}

TEST(LooksBinary, ANulInTheFirst8KiBUnlessAUtf16Or32Mark) {
  struct Row {
    std::string bytes;
    bool binary;
  };
  const Row rows[] = {
      {"", false},
      {"纯文本\n", false},
      {std::string("a\0b", 3), true},
      {std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), true},
      {std::string(8191, 'x') + std::string(1, '\0'), true},
      {std::string(8192, 'x') + std::string(1, '\0'), false},
      {std::string("\xFF\xFE"
                   "a\0",
                   4),
       false},
      {std::string("\xFE\xFF\0a", 4), false},
      {std::string("\xFF\xFE\0\0a\0\0\0", 8), false},
      {std::string("\0\0\xFE\xFF\0\0\0a", 8), false},
      {std::string("\xFE\0", 2), true},
  };
  for (const Row& row : rows)
    EXPECT_EQ(looks_binary(row.bytes), row.binary) << ::testing::PrintToString(row.bytes);
}

// A Hexo site: posts in source/_posts, and all that sits beside them.
TEST(Discover, ASiteFolderGivesItsPostsOnly) {
  TempDir dir;
  const auto& root = dir.path();
  write_all(root / "source/_posts/a.md", "---\ntitle: a\n---\n正文\n");
  write_all(root / "source/_posts/b.md", "---\ntitle: b\n---\n正文\n");
  write_all(root / "source/_posts/cover.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  write_all(root / "source/about/index.html", "<p>关于</p>");
  write_all(root / "source/notes", "纯文本的笔记\n");
  write_all(root / "source/blob", std::string("\x7f"
                                              "ELF\0\0",
                                              6));
  write_all(root / "_config.yml", "title: site\n");
  write_all(root / "package.json", "{}\n");
  write_all(root / "data.csv", "a,b\n");
  write_all(root / "themes/t/style.css", "p{}\n");
  write_all(root / "node_modules/x/readme.md", "# x\n");
  write_all(root / ".git/HEAD", "ref\n");
  write_all(root / ".deploy.md", "x\n");
  const Discovery d = discover({root.string()});
  EXPECT_EQ(ids(d), (std::vector<std::string>{"source/_posts/a.md", "source/_posts/b.md",
                                              "source/about/index.html", "source/notes"}));
  EXPECT_EQ(skips(d), (std::vector<std::string>{
                          ".deploy.md hidden", ".git hidden", "_config.yml not_a_document",
                          "data.csv not_a_document", "node_modules node_modules",
                          "package.json not_a_document", "source/_posts/cover.png not_a_document",
                          "source/blob binary", "themes/t/style.css not_a_document"}));
  EXPECT_TRUE(d.errors.empty());
}

TEST(Discover, ExtensionsAreConfigurable) {
  TempDir dir;
  write_all(dir.path() / "a.md", "a");
  write_all(dir.path() / "b.rst", "b");
  WalkOptions walk;
  walk.extensions = {"rst"};
  const Discovery d = discover({dir.path().string()}, walk);
  EXPECT_EQ(ids(d), (std::vector<std::string>{"b.rst"}));
  EXPECT_EQ(skips(d), (std::vector<std::string>{"a.md not_a_document"}));
}

TEST(Discover, NamedFilesAreTakenWhateverTheirName) {
  TempDir dir;
  write_all(dir.path() / "image.png", std::string("\x89PNG\0", 5));
  write_all(dir.path() / "package.json", "{}");
  const Discovery d =
      discover({(dir.path() / "image.png").string(), (dir.path() / "package.json").string()});
  EXPECT_EQ(d.files.size(), 2u);
  EXPECT_TRUE(d.skips.empty());
}

TEST(Discover, TheOutputIsNeverAnInput) {
  TempDir dir;
  write_all(dir.path() / "a.md", "a");
  write_all(dir.path() / "out.txt", "{}\n");
  const std::string output = (dir.path() / "out.txt").string();
  const Discovery walked = discover({dir.path().string()}, {}, output);
  EXPECT_EQ(ids(walked), (std::vector<std::string>{"a.md"}));
  EXPECT_TRUE(walked.skips.empty());  // not even a counted skip: two runs count the same
  const Discovery named = discover({output}, {}, output);
  EXPECT_TRUE(named.files.empty());
  ASSERT_EQ(named.errors.size(), 1u);
  EXPECT_EQ(named.errors[0].code, ErrorCode::input_is_output);
  // A followed link to it, under another name, is the output too.
  std::filesystem::create_symlink("out.txt", dir.path() / "all.md");
  WalkOptions follow;
  follow.follow_links = true;
  EXPECT_EQ(ids(discover({dir.path().string()}, follow, output)),
            (std::vector<std::string>{"a.md"}));
  // Another file of the same name is not the output.
  write_all(dir.path() / "sub" / "out.txt", "x");
  EXPECT_EQ(ids(discover({dir.path().string()}, {}, output)),
            (std::vector<std::string>{"a.md", "sub/out.txt"}));
}

TEST(Discover, SkipsOutsideTheSelectionAreNotCounted) {
  TempDir dir;
  write_all(dir.path() / "a.md", "a");
  write_all(dir.path() / "a.png", "p");
  write_all(dir.path() / "b.png", "p");
  Discovery d = discover({dir.path().string()});
  Selection selection;
  selection.exclude = {"b.*"};
  select_inputs(d, selection);
  EXPECT_EQ(skips(d), (std::vector<std::string>{"a.png not_a_document"}));
}

TEST(Discover, IdsAreTheNamesBytesAndTheShardHashesThem) {
  TempDir dir;
  const std::string name = "bad\xFF.md";
  write_all(dir.path() / name, "x");
  Discovery d = discover({dir.path().string()});
  EXPECT_EQ(ids(d), (std::vector<std::string>{name}));
  EXPECT_EQ(shard_hash(name), XXH3_64bits(name.data(), name.size()));
  Selection selection;
  selection.shard_count = 2;
  selection.shard_index = XXH3_64bits(name.data(), name.size()) % 2 + 1;
  select_inputs(d, selection);
  EXPECT_EQ(ids(d), (std::vector<std::string>{name}));
}

TEST(Discover, ShardByDocumentKeepsEveryFileSkipsStillByShard) {
  TempDir dir;
  std::vector<std::string> names;
  for (int i = 0; i < 8; ++i) {
    names.push_back("c" + std::to_string(i) + ".warc.gz");
    write_all(dir.path() / names.back(), "x");
    write_all(dir.path() / ("p" + std::to_string(i) + ".png"), "p");
  }
  for (const ShardBy by : {ShardBy::file, ShardBy::document}) {
    Selection selection;
    selection.shard_count = 3;
    selection.shard_by = by;
    std::size_t files = 0, skipped = 0;
    for (std::uint64_t k = 1; k <= 3; ++k) {
      selection.shard_index = k;
      Discovery d = discover({dir.path().string()});
      select_inputs(d, selection);
      files += d.files.size();
      skipped += d.skips.size();
      for (const Skip& skip : d.skips)
        EXPECT_TRUE(in_shard(skip.id, selection)) << skip.id;
      for (const InputFile& file : d.files)
        EXPECT_TRUE(by == ShardBy::document || in_shard(file.id, selection)) << file.id;
    }
    // By file, every file is in one shard; by document, every run reads every file.
    EXPECT_EQ(files, by == ShardBy::file ? 8u : 24u);
    EXPECT_EQ(skipped, 8u) << "a skip belongs to one shard either way";
  }
  Selection one;
  EXPECT_TRUE(in_shard("anything", one));
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
  std::filesystem::create_directory_symlink("..", dir.path() / "a" / "up");
  WalkOptions follow;
  follow.follow_links = true;
  const Discovery d = discover({dir.path().string()}, follow);
  EXPECT_EQ(ids(d), (std::vector<std::string>{"a/x.md"}));
  EXPECT_EQ(skips(d), (std::vector<std::string>{"a/loop symlink_loop", "a/up symlink_loop"}));
  EXPECT_EQ(d.skips[0].warning, "skipped: directory already visited (symlink loop?)");
}

// A corpus holding links into itself and out of it. Outside it: a directory and a file that
// must never be read unless the user lets links lead there.
class DiscoverLinks : public ::testing::Test {
 protected:
  void SetUp() override {
    namespace fs = std::filesystem;
    const fs::path corpus = top.path() / "corpus";
    write_all(corpus / "posts" / "a.md", "a");
    write_all(top.path() / "outside" / "secret.md", "secret");
    write_all(top.path() / "outside" / "etc" / "shadow", "root:x:0:0");
    fs::create_directory_symlink("posts", corpus / "in-dir");
    fs::create_symlink("posts/a.md", corpus / "in-file.md");
    fs::create_directory_symlink(top.path() / "outside" / "etc", corpus / "etc");
    fs::create_symlink(top.path() / "outside" / "secret.md", corpus / "out-file.md");
    fs::create_symlink("../outside/secret.md", corpus / "up.md");
    fs::create_symlink("posts/../../outside/secret.md", corpus / "posts-up.md");
    fs::create_symlink("nowhere.md", corpus / "dangling.md");
    root = corpus.string();
  }
  TempDir top;
  std::string root;
};

TEST_F(DiscoverLinks, TheRuleOfLinks) {
  struct Row {
    const char* what;
    bool follow;
    std::vector<std::string> follow_roots;  // below top
    std::vector<std::string> ids;
    std::vector<std::string> skips;
  };
  const std::vector<std::string> all_links_skipped{
      "dangling.md symlink", "etc symlink",         "in-dir symlink", "in-file.md symlink",
      "out-file.md symlink", "posts-up.md symlink", "up.md symlink"};
  const Row rows[] = {
      {"by default no link is followed", false, {}, {"posts/a.md"}, all_links_skipped},
      {"--follow: links inside the corpus only",
       true,
       {},
       {"in-dir/a.md", "in-file.md", "posts/a.md"},
       {"dangling.md broken_link", "etc outside_roots", "out-file.md outside_roots",
        "posts-up.md outside_roots", "up.md outside_roots"}},
      {"--follow-root outside: links may lead there",
       true,
       {"outside"},
       {"etc/shadow", "in-dir/a.md", "in-file.md", "out-file.md", "posts-up.md", "posts/a.md",
        "up.md"},
       {"dangling.md broken_link"}},
      {"--follow-root outside/etc: only there",
       true,
       {"outside/etc"},
       {"etc/shadow", "in-dir/a.md", "in-file.md", "posts/a.md"},
       {"dangling.md broken_link", "out-file.md outside_roots", "posts-up.md outside_roots",
        "up.md outside_roots"}},
  };
  for (const Row& row : rows) {
    WalkOptions walk;
    walk.follow_links = row.follow;
    for (const std::string& r : row.follow_roots)
      walk.follow_roots.push_back((top.path() / r).string());
    const Discovery d = discover({root}, walk);
    EXPECT_EQ(ids(d), row.ids) << row.what;
    EXPECT_EQ(skips(d), row.skips) << row.what;
    EXPECT_TRUE(d.errors.empty()) << row.what;
  }
}

TEST_F(DiscoverLinks, ALinkNamedAsAnInputIsOpenedAsGiven) {
  const Discovery d = discover({root + "/out-file.md", root + "/etc"});
  EXPECT_EQ(ids(d), (std::vector<std::string>{root + "/out-file.md", "shadow"}));
  EXPECT_TRUE(d.skips.empty());
}

TEST_F(DiscoverLinks, AnotherInputDirectoryIsARoot) {
  WalkOptions walk;
  walk.follow_links = true;
  const Discovery d = discover({root, (top.path() / "outside" / "etc").string()}, walk);
  EXPECT_EQ(ids(d), (std::vector<std::string>{"etc/shadow", "in-dir/a.md", "in-file.md",
                                              "posts/a.md", "shadow"}));
}

TEST_F(DiscoverLinks, ALinkedRootIsResolved) {
  namespace fs = std::filesystem;
  fs::create_directory_symlink(root, top.path() / "corpus-link");
  WalkOptions walk;
  walk.follow_links = true;
  const Discovery d = discover({(top.path() / "corpus-link").string()}, walk);
  EXPECT_EQ(ids(d), (std::vector<std::string>{"in-dir/a.md", "in-file.md", "posts/a.md"}));
}

TEST(ReadPathList, SkipsBlankLinesAndCarriageReturns) {
  std::istringstream in("a.md\r\n\nb dir/c.md\n");
  EXPECT_EQ(read_path_list(in), (std::vector<std::string>{"a.md", "b dir/c.md"}));
}

}  // namespace
}  // namespace corpus_clean

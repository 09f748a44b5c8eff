// Golden end-to-end tests: whole records for real inputs, compared with a checked-in JSONL.
// Regenerate with CORPUS_CLEAN_UPDATE_GOLDEN=1 and read the diff before committing it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <sstream>

#include "corpus_clean/pipeline.hpp"
#include "corpus_clean/record.hpp"
#include "input/discover.hpp"
#include "test_util.hpp"

namespace corpus_clean {
namespace {

namespace fs = std::filesystem;

// Runs the pipeline over `dir` (below the source tree) and returns the JSON lines, with each
// record's path written relative to the source tree so the file does not depend on the
// checkout's location.
std::string run_directory(const std::string& dir) {
  auto context = Context::create(Options{});
  EXPECT_TRUE(context.ok());
  const fs::path root = testing::source_dir() / dir;
  std::string out;
  for (const InputFile& input : discover({root.string()}).files) {
    Outcome outcome = testing::process_file(input, **context);
    EXPECT_EQ(outcome.kind, Outcome::Kind::record) << input.path;
    outcome.record.path = dir + "/" + input.id;
    outcome.record.id = input.id;
    append_json_line(out, outcome.record);
  }
  return out;
}

void expect_golden(const std::string& dir, const std::string& golden_name) {
  const std::string actual = run_directory(dir);
  const fs::path golden = testing::source_dir() / "tests" / "golden" / golden_name;
  if (const char* update = std::getenv("CORPUS_CLEAN_UPDATE_GOLDEN"); update && *update == '1') {
    testing::write_all(golden, actual);
    GTEST_SKIP() << "wrote " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing: run with CORPUS_CLEAN_UPDATE_GOLDEN=1";
  const std::string expected = testing::read_all(golden);
  // Compare line by line so a failure names the record.
  std::istringstream a(actual), e(expected);
  std::string la, le;
  int line = 0;
  while (true) {
    const bool more_a = static_cast<bool>(std::getline(a, la));
    const bool more_e = static_cast<bool>(std::getline(e, le));
    ++line;
    if (!more_a && !more_e)
      break;
    ASSERT_EQ(more_a, more_e) << golden_name << ": record count differs at line " << line;
    if (la != le) {
      const Json ja = Json::parse(la), je = Json::parse(le);
      for (auto it = je.begin(); it != je.end(); ++it) {
        EXPECT_EQ(ja[it.key()], it.value())
            << golden_name << " line " << line << " (" << je["id"] << "), key " << it.key();
      }
      ADD_FAILURE() << golden_name << " line " << line << " differs";
    }
  }
}

TEST(Golden, Seeds) {
  expect_golden("seeds", "seeds.jsonl");
}

TEST(Golden, Corpus) {
  expect_golden("tests/corpus", "corpus.jsonl");
}

// Per source in tests/corpus: what every record of that site must satisfy, so that a
// regenerated golden file cannot quietly lose it.
TEST(Golden, CorpusSnippets) {
  auto context = Context::create(Options{});
  ASSERT_TRUE(context.ok());
  struct Expect {
    std::vector<std::string> must_contain;  // in the text
    std::vector<std::string> must_not_contain;
  };
  // Markers that no site's text may keep.
  const std::vector<std::string> never = {"责任编辑",  "海量资讯", "文章来源", "返回首页",
                                          "原标题",    "免责声明", "THE END",  "查看知乎",
                                          "<p",        "<div",     "&#",       "&nbsp;",
                                          "cms-style", "appendQr", "em_media"};
  std::map<std::string, int> per_site;
  for (const InputFile& input :
       discover({(testing::source_dir() / "tests/corpus").string()}).files) {
    Outcome outcome = testing::process_file(input, **context);
    ASSERT_EQ(outcome.kind, Outcome::Kind::record) << input.id;
    const Record& r = outcome.record;
    ++per_site[r.site];
    for (const std::string& bad : never) {
      EXPECT_EQ(r.text.find(bad), std::string::npos) << input.id << " keeps " << bad;
    }
    if (r.site == "sina") {
      EXPECT_FALSE(r.editors.empty()) << input.id << ": every Sina post names its editor";
    }
    if (r.site == "finews") {
      // The autolink becomes `url` and leaves the text (one post has an empty "<>" link).
      if (r.url)
        ++per_site["finews with url"];
      EXPECT_EQ(r.text.find("http"), std::string::npos) << input.id;
    }
    if (r.site == "cs-com") {
      EXPECT_EQ(r.source, "中证网") << input.id;
      EXPECT_FALSE(r.reporters.empty()) << input.id;
      EXPECT_FALSE(r.text.starts_with("中证网讯")) << input.id;
    }
    if (r.site == "mydrivers") {
      EXPECT_FALSE(r.editors.empty()) << input.id;
    }
    if (r.site == "nbd") {
      EXPECT_TRUE(r.date.has_value()) << input.id << ": date from the header";
    }
    if (r.site == "zhihu-daily") {
      EXPECT_EQ(r.reporters.size(), 1u) << input.id;
    }
  }
  for (const char* site :
       {"sina", "finews", "nbd", "zhihu-daily", "mydrivers", "guancha", "cs-com", "cls", "stcn"}) {
    EXPECT_GE(per_site[site], 3) << "tests/corpus should hold at least 3 posts of " << site;
  }
  EXPECT_GE(per_site["finews with url"], 8);
}

// Snippets that must (and must not) appear, per seed: the behaviour the golden file pins
// down, stated so that a regenerated golden file cannot quietly lose it.
TEST(Golden, SeedSnippets) {
  auto context = Context::create(Options{});
  ASSERT_TRUE(context.ok());
  std::map<std::string, Record> records;
  for (const InputFile& input : discover({(testing::source_dir() / "seeds").string()}).files) {
    Outcome outcome = testing::process_file(input, **context);
    ASSERT_EQ(outcome.kind, Outcome::Kind::record) << input.path;
    records[input.id.substr(0, 3)] = outcome.record;
  }
  ASSERT_EQ(records.size(), 5u);
  EXPECT_NE(records["000"].text.find("扩大两国农产品贸易创造条件"), std::string::npos);
  EXPECT_EQ(records["000"].meta["categories"],
            Json::parse(R"(["金融","新浪财经","新浪财经－国內"])"));
  for (const char* key :
       {"title", "categories", "headimg", "author", "comments", "date", "thumbnail"}) {
    EXPECT_TRUE(records["000"].meta.contains(key)) << key;
  }
  EXPECT_EQ(records["002"].title, "中俄总理第二十六次定期会晤联合公报（全文）");
  EXPECT_EQ(records["002"].date, "2021-12-01T09:16:00");
  EXPECT_EQ(records["003"].title,
            "中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明");
  for (auto& [name, record] : records) {
    for (const char* bad : {"<", "{", "&#", "appendQr", "font-size", "cms-style"}) {
      EXPECT_EQ(record.text.find(bad), std::string::npos) << name << " has " << bad;
    }
  }
}

// Whole web pages of ../shared/pages (read from there when it is beside the checkout; they
// belong to their sites, so the repository keeps no copy and no excerpt of their text): for
// eight pages, every key of the record but the text itself, which its hash pins; for every
// page in Chinese, the headline a reader sees and the publication time the page shows.
class SharedPages : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::shared_pages() / "html";
    if (!fs::exists(dir_))
      GTEST_SKIP() << dir_ << " is not there: the shared pages are not beside this checkout";
  }

  Json record_of(const std::string& file) const {
    static const auto context = Context::create(Options{});
    const fs::path path = dir_ / file;
    Outcome outcome = testing::process_file(InputFile{path.string(), file}, **context);
    EXPECT_EQ(outcome.kind, Outcome::Kind::record) << file;
    Json record = Json::parse(to_json_line(outcome.record));
    record.erase("text");
    record.erase("path");
    return record;
  }

  // Checks the lines of `golden` (each names its page in "id") against the records, or
  // writes them when CORPUS_CLEAN_UPDATE_GOLDEN=1.
  void expect_pages(const std::string& golden, const std::vector<std::string>& keys) {
    const fs::path path = testing::source_dir() / "tests" / "golden" / golden;
    std::vector<Json> expected;
    std::istringstream lines(testing::read_all(path));
    for (std::string line; std::getline(lines, line);)
      expected.push_back(Json::parse(line));
    ASSERT_FALSE(expected.empty()) << path;
    std::string updated;
    for (const Json& want : expected) {
      Json got = record_of(want["id"].get<std::string>());
      if (!keys.empty()) {
        Json picked = Json::object();
        for (const std::string& key : keys)
          picked[key] = got[key];
        got = picked;
      }
      updated += got.dump(-1, ' ', false) + "\n";
      for (auto it = want.begin(); it != want.end(); ++it)
        EXPECT_EQ(got[it.key()], it.value()) << golden << ": " << want["id"] << ", " << it.key();
    }
    if (const char* update = std::getenv("CORPUS_CLEAN_UPDATE_GOLDEN"); update && *update == '1')
      testing::write_all(path, updated);
  }

  fs::path dir_;
};

TEST_F(SharedPages, EightWholeRecords) {
  expect_pages("pages.jsonl", {});
}

TEST_F(SharedPages, TitleAndDateOfEveryChinesePage) {
  expect_pages("pages-zh.jsonl", {"id", "title", "date"});
}

}  // namespace
}  // namespace corpus_clean

// The rules engine: each rule kind's effect and its counter-example, recognition, validation
// with line numbers, user rules files, name splitting, paragraph repair.
#include "rules/rules.hpp"

#include <gtest/gtest.h>

#include "rules/names.hpp"
#include "rules/repair.hpp"
#include "test_util.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

std::vector<Block> paragraphs(std::initializer_list<const char*> texts) {
  std::vector<Block> blocks;
  for (const char* t : texts)
    blocks.push_back(Block{BlockKind::paragraph, t, 0});
  return blocks;
}

std::string joined(const std::vector<Block>& blocks) {
  std::string out;
  for (const Block& b : blocks)
    out += (out.empty() ? "" : "\n") + b.text;
  return out;
}

RuleBook book(const std::string& yaml) {
  Result<RuleBook> loaded = RuleBook::load(yaml, "test.yaml");
  EXPECT_TRUE(loaded.ok()) << loaded.error().detail;
  return std::move(loaded).value();
}

// Applies the generic set of `yaml` to `blocks`.
std::string apply_generic(const std::string& yaml, std::vector<Block> blocks,
                          Harvest* harvest = nullptr) {
  RuleBook b = book(yaml);
  Harvest local;
  apply_block_rules(b.generic(), testing::default_vocabulary(), blocks, harvest ? *harvest : local,
                    nullptr);
  return joined(blocks);
}

// A paragraph long enough that a short tail after it is a small part of the text.
constexpr const char* kBody =
    "双方指出，中俄总理定期会晤机制持续高效运行，有效指导两国经贸、投资、能源、科技、人文、地方等"
    "各领域合作实现全面深入发展。双方愿继续完善该机制，推动两国互利合作取得新的成果。";

TEST(Rules, EachKindAndItsCounterExample) {
  struct Row {
    const char* rule;
    std::vector<Block> in;
    const char* out;
  };
  const std::vector<Row> rows = {
      {"{drop_block: '^海量资讯', why: promo}", paragraphs({"正文", "海量资讯、精准解读"}), "正文"},
      {"{drop_block: '^海量资讯', why: promo}", paragraphs({"正文提到海量资讯"}),
       "正文提到海量资讯"},
      {"{strip: '每经AI快讯：', why: label}", paragraphs({"每经AI快讯：北京时间"}), "北京时间"},
      {"{strip: '^每经AI快讯：', why: label}", paragraphs({"北京时间 每经AI快讯："}),
       "北京时间 每经AI快讯："},
      {"{cut: '^预览已结束', why: cut}",
       paragraphs({kBody, "预览已结束，完整报告", "http://x", "b"}), kBody},
      {"{cut: '^预览已结束', why: cut}", paragraphs({"a", "说预览已结束", "b"}),
       "a\n说预览已结束\nb"},
      {"{drop_block: '^x$', why: w, first: 1}", paragraphs({"x", "x"}), "x"},
      {"{drop_block: '^x$', why: w, last: 1}", paragraphs({"x", "y", "x"}), "x\ny"},
      {"{harvest: '^责任编辑：(?P<editors>.+)$', why: w}", paragraphs({"正文", "责任编辑：张亚楠"}),
       "正文"},
      {"{harvest: '^(?P<reporters>\\p{Han}+)记者：', why: w, remove: match}",
       paragraphs({"周頔记者：正文"}), "正文"},
  };
  for (const Row& row : rows) {
    const std::string yaml = std::string("generic:\n  rules:\n    - ") + row.rule + "\n";
    EXPECT_EQ(apply_generic(yaml, row.in), row.out) << row.rule;
  }
}

TEST(Rules, KindFilter) {
  std::vector<Block> blocks = {Block{BlockKind::heading, "标题", 1},
                               Block{BlockKind::paragraph, "标题", 0}};
  EXPECT_EQ(
      apply_generic("generic:\n  rules:\n    - {drop_block: '.', kind: heading, why: w}\n", blocks),
      "标题");
}

// A cut fires only where it removes a tail of at most kMaxCutShare of the text; a site set's
// unconditional cut fires anywhere.
TEST(Rules, CutRemovesOnlyATail) {
  struct Row {
    std::string sets;  // a rules file; a row applies its first site set, else the generic set
    std::vector<Block> in;
    std::string out;
  };
  const std::string generic_cut = "generic:\n  rules:\n    - {cut: '^风险提示', why: risk}\n";
  const std::string site_cut =
      "sites:\n  - site: s\n    match: {path: ['*']}\n    rules:\n"
      "      - {cut: '^风险提示', why: risk, unconditional: true}\n";
  const std::string body = kBody;
  const std::vector<Row> rows = {
      // The marker in a report's summary: what follows is most of the text, so nothing goes.
      {generic_cut, paragraphs({"投资要点", "风险提示：宏观经济下行", kBody, kBody}),
       "投资要点\n风险提示：宏观经济下行\n" + body + "\n" + body},
      // The same marker in the last lines: a tail, cut.
      {generic_cut, paragraphs({kBody, kBody, "风险提示：宏观经济下行", "联系人"}),
       body + "\n" + body},
      // The first marker is declined, a later one that ends the text fires.
      {generic_cut, paragraphs({"风险提示：行业竞争加剧", kBody, kBody, "风险提示：仅供参考"}),
       "风险提示：行业竞争加剧\n" + body + "\n" + body},
      // A site's unconditional cut: the site knows its marker.
      {site_cut, paragraphs({"a", "风险提示：x", kBody}), "a"},
  };
  for (const Row& row : rows) {
    RuleBook b = book(row.sets);
    std::vector<Block> blocks = row.in;
    Harvest h;
    const RuleSet& set = b.sites().empty() ? b.generic() : *b.sites().front();
    apply_block_rules(set, testing::default_vocabulary(), blocks, h, nullptr);
    EXPECT_EQ(joined(blocks), row.out) << row.sets << joined(row.in);
  }
}

// A declined cut says so under --explain and counts as no hit.
TEST(Rules, ADeclinedCutIsExplained) {
  RuleBook b = book("generic:\n  rules:\n    - {cut: '^风险提示', why: risk}\n");
  std::vector<Block> blocks = paragraphs({"风险提示：宏观经济下行", kBody});
  Harvest h;
  std::vector<ExplainEntry> explain;
  apply_block_rules(b.generic(), testing::default_vocabulary(), blocks, h, &explain);
  ASSERT_EQ(explain.size(), 1u);
  EXPECT_TRUE(explain[0].declined);
  EXPECT_NE(explain[0].why.find("not applied, it would remove 100% of the text"), std::string::npos)
      << explain[0].why;
  EXPECT_EQ(blocks.size(), 2u);
  EXPECT_EQ(h.removed_chars, 0);
}

// The blocks a cut removes are still read by the set's harvest rules.
TEST(Rules, ACutsTailIsStillHarvested) {
  const std::string yaml = R"(generic:
  rules:
    - {cut: '^免责声明', why: disclaimer}
    - {harvest: '^责任编辑：(?P<editors>.+)$', why: editor}
    - {harvest: '^(?P<url>https?://\S+)$', why: link}
)";
  Harvest h;
  EXPECT_EQ(apply_generic(yaml,
                          paragraphs({kBody, kBody, kBody, "免责声明：仅供参考", "责任编辑：张亚楠",
                                      "https://example.com/report/1"}),
                          &h),
            std::string(kBody) + "\n" + kBody + "\n" + kBody);
  EXPECT_EQ(h.editors, (std::vector<std::string>{"张亚楠"}));
  EXPECT_EQ(h.url, "https://example.com/report/1");
}

// What the rules removed is counted per rule; what a harvest captures moves into a field and
// is not, the rest of what it removes is.
TEST(Rules, CountsTheTextEachRuleRemoved) {
  const std::string yaml = R"(generic:
  rules:
    - {drop_block: '^广告', why: ad}
    - {strip: '（图）$', why: marker}
    - {harvest: '^责任编辑：(?P<editors>.+)$', why: editor}
    - {harvest: '^来源：(?P<source>\S{2,4})', remove: match, why: source}
)";
  RuleBook b = book(yaml);
  std::vector<Block> blocks =
      paragraphs({"广告：买买买", "正文（图）", "广告位", "责任编辑：张亚楠", "来源：人民网 正文"});
  Harvest h;
  apply_block_rules(b.generic(), testing::default_vocabulary(), blocks, h, nullptr);
  EXPECT_EQ(joined(blocks), "正文\n正文");
  EXPECT_EQ(h.removed_chars, 6 + 3 + 3 + 5 + 4);
  ASSERT_NE(h.largest_loss(), nullptr);
  EXPECT_EQ(h.largest_loss()->why, "ad");
  EXPECT_EQ(h.largest_loss()->chars, 9);
  ASSERT_EQ(h.losses.size(), 4u);
  EXPECT_EQ(h.losses[1].origin, "test.yaml:4");
  EXPECT_EQ(h.losses[2].chars, 5);  // 责任编辑：
  EXPECT_EQ(h.losses[3].chars, 4);  // 来源： and the space after the name
}

// A harvest that swallows a paragraph loses the text it did not capture.
TEST(Rules, ACarelessHarvestCountsAsLoss) {
  const std::string yaml = R"(generic:
  rules:
    - {harvest: '^(?P<source>\p{Han}{2,4})', why: careless}
)";
  Harvest h;
  EXPECT_EQ(apply_generic(yaml, paragraphs({kBody}), &h), "");
  EXPECT_EQ(h.source, "双方指出");
  EXPECT_EQ(h.removed_chars, text::count_code_points(kBody) - 4);
}

// remove: none harvests and leaves the text; fallback: N gives way to lower levels whatever the
// order, and the first wins among equals.
TEST(Rules, HarvestRemovalAndFallback) {
  const std::string yaml = R"(generic:
  rules:
    - harvest: '^(?P<source>\p{Han}{2,4}社)\p{Han}{2,3}\d+月\d+日电'
      remove: none
      fallback: 2
      why: dateline
    - harvest: '[（(](?P<source>\p{Han}{2,6}报)[）)]$'
      remove: match
      fallback: 1
      why: closing tag
    - harvest: '^来源：(?P<source>\S+)$'
      why: source line
)";
  struct Row {
    std::vector<Block> in;
    std::string text;
    std::optional<std::string> source;
  };
  const std::vector<Row> rows = {
      {paragraphs({"新华社北京5月9日电 正文。"}), "新华社北京5月9日电 正文。", "新华社"},
      {paragraphs({"新华社北京5月9日电 正文。", "结尾。（经济日报）"}),
       "新华社北京5月9日电 正文。\n结尾。", "经济日报"},
      {paragraphs({"新华社北京5月9日电 正文。", "结尾。（经济日报）", "来源：人民网"}),
       "新华社北京5月9日电 正文。\n结尾。", "人民网"},
      {paragraphs({"来源：人民网", "结尾。（经济日报）"}), "结尾。", "人民网"},
      {paragraphs({"正文。"}), "正文。", std::nullopt},
  };
  for (const Row& row : rows) {
    Harvest h;
    EXPECT_EQ(apply_generic(yaml, row.in, &h), row.text) << joined(row.in);
    EXPECT_EQ(h.source, row.source) << joined(row.in);
  }
}

// A drop_block with min_matches / min_share removes only blocks its matches dominate.
TEST(Rules, DropWhereTheMatchesDominate) {
  const std::string yaml = R"(generic:
  rules:
    - drop_block: '扫码|报名|原价|限时|领券'
      min_matches: 2
      min_share: 0.3
      why: promotion
)";
  struct Row {
    const char* in;
    bool dropped;
  };
  const Row rows[] = {
      {"扫码报名，限时领券", true},
      {"原价报名", true},
      {"报名", false},  // one match
      {"今年的课程原价为三千元，报名人数超过一万人，机构已暂停招生并退还学费。", false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(apply_generic(yaml, paragraphs({row.in})).empty(), row.dropped) << row.in;
  }
}

TEST(Rules, HarvestFillsFields) {
  Harvest h;
  const std::string yaml = R"(generic:
  rules:
    - harvest: '^(?P<source>\p{Han}{2,10}?)记者\s*(?P<reporters>.+)$'
      why: byline
    - harvest: '^责任编辑[：:]\s*(?P<editors>.+)$'
      why: editors
    - harvest: '^(?P<url>https?://\S+)$'
      why: url
    - harvest: '^原标题：(?P<original_title>.+)$'
      why: title
)";
  const std::string text =
      apply_generic(yaml,
                    paragraphs({"澎湃新闻记者 周頔", "正文", "原标题：旧题",
                                "责任编辑：李跃群、王婉莹 SF055", "http://a.com/x?y=1"}),
                    &h);
  EXPECT_EQ(text, "正文");
  EXPECT_EQ(h.source, "澎湃新闻");
  EXPECT_EQ(h.reporters, (std::vector<std::string>{"周頔"}));
  EXPECT_EQ(h.editors, (std::vector<std::string>{"李跃群", "王婉莹"}));
  EXPECT_EQ(h.url, "http://a.com/x?y=1");
  EXPECT_EQ(h.original_title, "旧题");
}

// Names are de-duplicated in first-seen order, also past the length where a list switches from
// searching to an index; a page of many 责任编辑 lines gives each name once.
TEST(Rules, LongNameListsStayUniqueAndInOrder) {
  const std::string yaml = R"(generic:
  rules:
    - harvest: '^责任编辑[：:]\s*(?P<editors>.+)$'
      why: editors
)";
  std::vector<std::string> storage;
  std::vector<std::string> expected;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 40; ++i) {
      storage.push_back("责任编辑：王" + std::to_string(i) + "、李" + std::to_string(i % 5));
      if (round == 0) {
        expected.push_back("王" + std::to_string(i));
        if (i < 5)
          expected.push_back("李" + std::to_string(i));
      }
    }
  }
  std::vector<Block> blocks;
  for (const std::string& line : storage)
    blocks.push_back(Block{BlockKind::paragraph, line, 0});
  Harvest h;
  RuleBook b = book(yaml);
  apply_block_rules(b.generic(), testing::default_vocabulary(), blocks, h, nullptr);
  EXPECT_TRUE(blocks.empty());
  EXPECT_EQ(h.editors, expected);

  std::string many;
  std::vector<std::string> names;
  for (int i = 0; i < 50; ++i) {
    many += "赵" + std::to_string(i % 25) + "、";
    if (i < 25)
      names.push_back("赵" + std::to_string(i));
  }
  EXPECT_EQ(split_names(many, testing::default_vocabulary()), names);
}

TEST(SplitNames, Table) {
  struct Row {
    const char* in;
    std::vector<std::string> out;
  };
  const Row rows[] = {
      {"李跃群", {"李跃群"}},
      {"李跃群、张亚楠", {"李跃群", "张亚楠"}},
      {"赵觉珵 胡雨薇", {"赵觉珵", "胡雨薇"}},
      {"张亚楠 SF055", {"张亚楠"}},
      {"杨 洁", {"杨洁"}},
      {"包兴安 见习记者 杨 洁", {"包兴安", "杨洁"}},
      {"见习记者，李莎", {"李莎"}},
      {"【张三】", {"张三"}},
      {"", {}},
  };
  for (const Row& row : rows)
    EXPECT_EQ(split_names(row.in, testing::default_vocabulary()), row.out) << row.in;
}

// Sources are cut down to the publisher by the built-in vocabulary's source_noise.
TEST(CleanSource, Table) {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"某某新闻综合自新华社、人民日报", "某某新闻"},
      {"某某新闻综合", "某某新闻"},
      {"经济日报记者 张明远", "经济日报"},
      {"经济日报记者张明远", "经济日报"},
      {"澎湃新闻见习", "澎湃新闻"},
      {"光明日报  作者", "光明日报"},
      {"经济日报（ID：jjrbwx）", "经济日报"},
      {"九派新闻、新华每日电讯", "九派新闻"},
      {"人民网/人民日报", "人民网"},
      {"本报", ""},
      {"记者", ""},
      {"新华社", "新华社"},
      {"21世纪经济报道", "21世纪经济报道"},
      {"人民网-人民日报", "人民网-人民日报"},
      {"健康上海12320", "健康上海12320"},
  };
  for (const Row& row : rows)
    EXPECT_EQ(clean_source(row.in, testing::default_vocabulary()), row.out) << row.in;
}

TEST(RuleBook, RecognisesBySiteOrFallsBack) {
  const RuleBook b = book(R"(sites:
  - site: by-author
    match: {front_matter: {author: [新浪财经]}}
  - site: by-category
    match: {front_matter: {categories: [emnews]}}
  - site: by-body
    match: {body: ['class="em_media"']}
  - site: by-path
    match: {path: ['*/yunbaogao/*']}
)");
  const Json sina = Json::parse(R"({"author":"新浪财经"})");
  const Json emnews = Json::parse(R"({"categories":["金融","emnews"]})");
  const Json none = Json::object();
  EXPECT_EQ(b.recognise(sina, "", "a.md", "a.md")->name(), "by-author");
  EXPECT_EQ(b.recognise(emnews, "", "a.md", "a.md")->name(), "by-category");
  EXPECT_EQ(b.recognise(none, "<p class=\"em_media\">", "a.md", "a.md")->name(), "by-body");
  EXPECT_EQ(b.recognise(none, "", "x/yunbaogao/a.txt", "x/yunbaogao/a.txt")->name(), "by-path");
  EXPECT_EQ(b.recognise(none, "plain", "a.md", "a.md"), nullptr);
  EXPECT_EQ(b.generic().name(), "generic");
}

TEST(RuleBook, ValidationErrorsNameTheLine) {
  struct Row {
    const char* yaml;
    const char* message;  // a part of the error
  };
  const Row rows[] = {
      {"generic:\n  rules:\n    - {drop_block: '(unclosed', why: w}\n", "test.yaml:3: bad pattern"},
      {"generic:\n  rules:\n    - {drop_block: 'x'}\n",
       "test.yaml:3: every rule needs a short 'why'"},
      {"generic:\n  rules:\n    - {drop_block: 'x', cut: 'y', why: w}\n", "exactly one of"},
      {"generic:\n  rules:\n    - {harvest: 'x', why: w}\n", "needs a named capture"},
      {"generic:\n  rules:\n    - {harvest: '(?P<nope>x)', why: w}\n", "unknown capture 'nope'"},
      {"generic:\n  rules:\n    - {drop_element: 'div..x', why: w}\n", "bad selector"},
      {"generic:\n  rules:\n    - {drop_block: x, why: w, first: 0}\n", "positive number"},
      {"generic:\n  rules:\n    - {drop_block: x, why: w, remove: none}\n",
       "test.yaml:3: 'remove' goes with harvest only"},
      {"generic:\n  rules:\n    - {harvest: '(?P<url>x)', why: w, remove: all}\n",
       "remove: block, match or none"},
      {"generic:\n  rules:\n    - {cut: x, why: w, fallback: 1}\n",
       "'fallback' goes with harvest only"},
      {"generic:\n  rules:\n    - {harvest: '(?P<url>x)', why: w, min_matches: 2}\n",
       "'min_matches' and 'min_share' go with drop_block only"},
      {"generic:\n  rules:\n    - {drop_block: x, why: w, min_share: 1.5}\n",
       "min_share is a share of the block's characters"},
      {"generic:\n  rules:\n    - {cut: x, why: w, unconditional: true}\n",
       "test.yaml:3: only a site rule set's cut may be unconditional"},
      {"sites:\n  - site: s\n    match: {path: ['*']}\n    rules:\n"
       "      - {drop_block: x, why: w, unconditional: true}\n",
       "test.yaml:5: 'unconditional' goes with cut only"},
      {"sites:\n  - site: s\n    rules: []\n", "test.yaml:2: site 's' has no 'match'"},
      {"colour: red\n", "test.yaml:1: unknown key 'colour'"},
      {"generic: [\n", "test.yaml:"},
      {"version: 2\n", "unsupported rules version"},
      {"vocabulary:\n  - {role_words: [主编]}\n", "test.yaml:2: every vocabulary entry needs"},
      {"vocabulary:\n  - {role_words: [a], staff_code: 'x', why: w}\n", "exactly one of"},
      {"vocabulary:\n  - {colours: [red], why: w}\n", "unknown vocabulary 'colours'"},
      {"vocabulary:\n  - {name_separators: ['、、'], why: w}\n", "one character, not '、、'"},
      {"vocabulary:\n  - {staff_code: '[A-Z', why: w}\n", "test.yaml:2: bad pattern '[A-Z'"},
      {"vocabulary:\n  - {source_noise: '(综合', why: w}\n", "test.yaml:2: bad pattern '(综合'"},
      {"vocabulary:\n  - {original_link_text: '[', why: w}\n", "test.yaml:2: bad pattern '['"},
      {"vocabulary:\n  - {front_matter_keys: {summary: [x]}, why: w}\n", "unknown field 'summary'"},
      {"vocabulary: {role_words: [a]}\n", "'vocabulary' must be a list"},
  };
  for (const Row& row : rows) {
    Result<RuleBook> loaded = RuleBook::load(row.yaml, "test.yaml");
    ASSERT_FALSE(loaded.ok()) << row.yaml;
    EXPECT_NE(loaded.error().detail.find(row.message), std::string::npos)
        << row.yaml << " → " << loaded.error().detail;
  }
}

TEST(RuleBook, UserFileAddsASiteOnTopAndExtendsGeneric) {
  RuleBook b = book(default_rules_yaml().data());
  ASSERT_TRUE(b.add(R"(sites:
  - site: my-site
    match: {front_matter: {author: [新浪财经]}}
    rules:
      - {drop_block: '^广告', why: ad}
generic:
  rules:
    - {drop_block: '^自定义尾注$', why: footer}
)",
                    "user.yaml")
                  .ok());
  const Json sina = Json::parse(R"({"author":"新浪财经"})");
  EXPECT_EQ(b.recognise(sina, "", "a", "a")->name(), "my-site");
  std::vector<Block> blocks = paragraphs({"正文", "自定义尾注"});
  Harvest h;
  apply_block_rules(b.generic(), testing::default_vocabulary(), blocks, h, nullptr);
  EXPECT_EQ(joined(blocks), "正文");
}

TEST(RuleBook, UserVocabularyAddsToTheBuiltIn) {
  RuleBook b = book(default_rules_yaml().data());
  EXPECT_EQ(split_names("主编 王五、赵六|钱七", b.vocabulary()),
            (std::vector<std::string>{"主编", "王五", "赵六|钱七"}));
  ASSERT_TRUE(b.add(R"(vocabulary:
  - role_words: [主编]
    why: an editor-in-chief's title
  - name_separators: ['|']
    why: a site that lists names with bars
  - staff_code: 'ED-[0-9]{3}'
    why: the site's staff codes
  - front_matter_keys: {title: [headline]}
    why: the site's title key
)",
                    "user.yaml")
                  .ok());
  EXPECT_EQ(split_names("主编 王五、赵六|钱七 ED-123 SF055", b.vocabulary()),
            (std::vector<std::string>{"王五", "赵六", "钱七"}));
  EXPECT_EQ(b.vocabulary().front_matter.title, (std::vector<std::string>{"title", "headline"}));
  // The built-in words are still there.
  EXPECT_EQ(split_names("记者 周頔", b.vocabulary()), (std::vector<std::string>{"周頔"}));
}

TEST(RuleBook, TheDefaultRulesLoad) {
  Result<RuleBook> loaded = RuleBook::load(default_rules_yaml(), "rules/default.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().detail;
  EXPECT_GE(loaded->sites().size(), 8u);
}

TEST(RuleBook, PatternsAreLinearTime) {
  // A pattern that makes backtracking engines take seconds is harmless with RE2.
  std::vector<Block> blocks =
      paragraphs({"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"});
  EXPECT_EQ(apply_generic("generic:\n  rules:\n    - {drop_block: '(a+)+$', why: w}\n", blocks),
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!");
}

TEST(RuleBook, ExplainSaysWhatEachRuleDid) {
  RuleBook b = book("generic:\n  rules:\n    - {drop_block: '^广告', why: an ad}\n");
  std::vector<Block> blocks = paragraphs({"正文", "广告：买买买"});
  Harvest h;
  std::vector<ExplainEntry> explain;
  apply_block_rules(b.generic(), testing::default_vocabulary(), blocks, h, &explain);
  ASSERT_EQ(explain.size(), 1u);
  EXPECT_EQ(explain[0].action, RuleAction::drop_block);
  EXPECT_EQ(explain[0].why, "an ad");
  EXPECT_EQ(explain[0].text, "广告：买买买");
  EXPECT_EQ(explain[0].origin, "test.yaml:3");
}

TEST(RepairPageBreaks, Table) {
  struct Row {
    std::vector<Block> in;
    const char* out;
  };
  const std::vector<Row> rows = {
      {paragraphs(
           {"双方高度重视维护两国海外人员和机构安全及权益，不断拓", "展海外公民、项目合作方式。"}),
       "双方高度重视维护两国海外人员和机构安全及权益，不断拓展海外公民、项目合作方式。"},
      // Short blocks, punctuation at the end, non-Han starts: not joined.
      {paragraphs({"一", "两国总理强调"}), "一\n两国总理强调"},
      {paragraphs({"双方高度重视维护两国海外人员和机构安全及权益。", "展海外公民"}),
       "双方高度重视维护两国海外人员和机构安全及权益。\n展海外公民"},
      {paragraphs({"双方高度重视维护两国海外人员和机构安全及权益不断拓", "2023年"}),
       "双方高度重视维护两国海外人员和机构安全及权益不断拓\n2023年"},
      {std::vector<Block>{
           Block{BlockKind::heading, "双方高度重视维护两国海外人员和机构安全及权益不断拓", 1},
           Block{BlockKind::paragraph, "展海外公民", 0}},
       "双方高度重视维护两国海外人员和机构安全及权益不断拓\n展海外公民"},
      // A mark that cannot end a paragraph, whatever the length before it.
      {paragraphs({"五、加强协调，发展钢铁、", "煤炭、化肥等领域合作。"}),
       "五、加强协调，发展钢铁、煤炭、化肥等领域合作。"},
      {paragraphs({"双方商定，", "继续加强合作。"}), "双方商定，继续加强合作。"},
      {paragraphs({"推动落实《中俄货物贸易", "和服务贸易高质量发展的路线图》。"}),
       "推动落实《中俄货物贸易和服务贸易高质量发展的路线图》。"},
      {paragraphs({"两国元首（", "以下简称“双方”）强调。"}), "两国元首（以下简称“双方”）强调。"},
      // A short block that stops inside a bracket or quote it opened.
      {paragraphs({"中俄（以下简称“双", "方”）将在以下方向开展合作。"}),
       "中俄（以下简称“双方”）将在以下方向开展合作。"},
      // The next block starts with a closing mark.
      {paragraphs({"中俄（以下简称“双方", "”）将在以下方向开展合作。"}),
       "中俄（以下简称“双方”）将在以下方向开展合作。"},
      // Not joined: the next block starts a list item, or with a letter or digit; a colon
      // before a paragraph; a short heading; a section number alone; a closed quote.
      {paragraphs({"双方商定，", "一、扩大贸易规模。"}), "双方商定，\n一、扩大贸易规模。"},
      {paragraphs({"双方商定，", "第一，扩大贸易规模。"}), "双方商定，\n第一，扩大贸易规模。"},
      {paragraphs({"主要取得以下成果，", "一是继续推动双边贸易。"}),
       "主要取得以下成果，\n一是继续推动双边贸易。"},
      {paragraphs({"发展钢铁、", "2023年产量"}), "发展钢铁、\n2023年产量"},
      {paragraphs({"两国元首声明如下：", "在双方不懈努力下，关系达到历史最高水平。"}),
       "两国元首声明如下：\n在双方不懈努力下，关系达到历史最高水平。"},
      {paragraphs({"投资要点", "我们看好龙头企业。"}), "投资要点\n我们看好龙头企业。"},
      {paragraphs({"五、", "双方重申致力于维护国际体系。"}), "五、\n双方重申致力于维护国际体系。"},
      {paragraphs({"他说“好”", "双方同意。"}), "他说“好”\n双方同意。"},
      {std::vector<Block>{Block{BlockKind::paragraph, "双方将在以下领域合作，", 0},
                          Block{BlockKind::list_item, "能源、", 0}},
       "双方将在以下领域合作，\n能源、"},
  };
  for (const Row& row : rows) {
    std::vector<Block> blocks = row.in;
    repair_page_breaks(blocks);
    EXPECT_EQ(joined(blocks), row.out) << joined(row.in);
  }
}

}  // namespace
}  // namespace corpus_clean

// Tests of the punctuation normalizer (docs/DESIGN.md §5): a table of {input, expected} rows for
// every rule, idempotence on the rows, on random text and on every line of the real posts, the
// seed invariants, the options, --no-normalize parsing, counting and the stream filter.
#include "corpus_clean/normalize.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "test_util.hpp"

namespace corpus_clean {
namespace {

struct Row {
  int rule;  // the rule the row is about; the one that must count a change when it changes
  std::string_view input;
  std::string_view expected;
};

// For every rule: rows it changes, then rows that must come out as they went in.
constexpr Row kRows[] = {
    // N1: full-width letters and digits → ASCII.
    {1, "ＧＤＰ６", "GDP6"},
    {1, "第３季度", "第3季度"},
    {1, "ｉＰｈｏｎｅ手机", "iPhone手机"},
    {1, "ＡＢＣ公司", "ABC公司"},
    {1, "GDP6", "GDP6"},
    {1, "①②③项", "①②③项"},
    {1, "全角逗号，不是字母。", "全角逗号，不是字母。"},
    {1, "iPhone手机", "iPhone手机"},

    // N2: ．between digits, ％ after a digit.
    {2, "６．５％", "6.5%"},
    {2, "增长３．２个百分点", "增长3.2个百分点"},
    {2, "上涨5％", "上涨5%"},
    {2, "利率1．5%", "利率1.5%"},
    {2, "第一．总则", "第一．总则"},
    {2, "符号％单独出现", "符号％单独出现"},
    {2, "6.5%", "6.5%"},
    {2, "增长39.1%", "增长39.1%"},

    // N3: small and half-width CJK forms.
    {3, "好﹐的", "好，的"},
    {3, "你好｡", "你好。"},
    {3, "｢新闻｣", "「新闻」"},
    {3, "甲､乙", "甲、乙"},
    {3, "真的﹖", "真的？"},
    {3, "注意﹕下雨﹗", "注意：下雨！"},
    {3, "好，的", "好，的"},
    {3, "「新闻」", "「新闻」"},
    {3, "甲、乙", "甲、乙"},

    // N4: , ; : ! ? after CJK or before Han.
    {4, "他说,好", "他说，好"},
    {4, "他说: 好", "他说：好"},
    {4, "真的吗?太好了!", "真的吗？太好了！"},
    {4, "Hello,世界", "Hello，世界"},
    {4, "第一;第二", "第一；第二"},
    {4, "北京时间:5:30", "北京时间：5:30"},
    {4, "他说:Stay hungry", "他说：Stay hungry"},
    {4, "1,156", "1,156"},
    {4, "营收1,156亿元", "营收1,156亿元"},
    {4, "下午5:30开会", "下午5:30开会"},
    {4, "Hello, world!", "Hello, world!"},
    {4, "他说：“Stay hungry, stay foolish.”", "他说：“Stay hungry, stay foolish.”"},
    {4, "比例为3∶1", "比例为3∶1"},
    {4, "Hello, 世界", "Hello, 世界"},
    {4, "All English here: yes, really; fine!", "All English here: yes, really; fine!"},

    // N5: '.' ending a Chinese sentence.
    {5, "增长39.1%.", "增长39.1%。"},
    {5, "他走了.", "他走了。"},
    {5, "我们发布了v2.0.", "我们发布了v2.0。"},
    {5, "他走了. 然后", "他走了。然后"},
    {5, "他说“好.”", "他说“好。”"},
    {5, "他用Python写了一个server.", "他用Python写了一个server。"},
    {5, "增长39.1", "增长39.1"},
    {5, "版本v2.0发布", "版本v2.0发布"},
    {5, "访问sina.com.cn查看", "访问sina.com.cn查看"},
    {5, "I love Beijing.", "I love Beijing."},
    {5, "I love 北京.", "I love 北京."},
    {5, "1.加快建设", "1.加快建设"},
    {5, "文件名为报告.pdf", "文件名为报告.pdf"},

    // N6: paired ( ) and " " touching or holding Han.
    {6, "说:\"好\"", "说：“好”"},
    {6, "(新华社莫斯科3月21日电)", "（新华社莫斯科3月21日电）"},
    {6, "国内生产总值(GDP)增长", "国内生产总值（GDP）增长"},
    {6, "他说\"yes\"", "他说“yes”"},
    {6, "\"中国\"和\"美国\"", "“中国”和“美国”"},
    // Nested title marks written as ASCII angle brackets.
    {6, "《关于完成制定<中俄货物贸易和服务贸易高质量发展的路线图>的联合声明》",
     "《关于完成制定〈中俄货物贸易和服务贸易高质量发展的路线图〉的联合声明》"},
    {6, "见<路线图>", "见〈路线图〉"},
    {6, "<堁?>", "〈堁？〉"},
    {6, "<巁.>", "〈巁。〉"},
    {6, "<码-->", "〈码——〉"},
    {6, "<<中国>>", "〈〈中国〉〉"},
    {6, "<!-- note -->", "<!-- note -->"},
    {6, "<堁? >", "〈堁？〉"},
    {5, "捜.｢", "捜。「"},
    {8, "t\u2126--东", "t\u03A9——东"},
    {6, "if a<b and b>c", "if a<b and b>c"},
    {6, "换行<br>标签", "换行<br>标签"},
    {6, "3 < 4 且 5 > 2", "3 < 4 且 5 > 2"},
    {6, "箭头->和<-", "箭头->和<-"},
    {6, "<!-- 正文下iframe -->", "<!-- 正文下iframe -->"},
    {6, "(1)加快", "(1)加快"},
    {6, "(a)项目", "(a)项目"},
    {6, "(iv)条款", "(iv)条款"},
    {6, "He said \"yes\"", "He said \"yes\""},
    {6, "f(x) = 1", "f(x) = 1"},
    {6, "(中国", "(中国"},
    {6, "见https://en.wikipedia.org/wiki/Foo_(bar)页面",
     "见https://en.wikipedia.org/wiki/Foo_(bar)页面"},

    // N7: ... 。。。 ⋯⋯ and a lone … in CJK → ……
    {7, "沉默了...", "沉默了……"},
    {7, "等等。。。", "等等……"},
    {7, "然后⋯⋯", "然后……"},
    {7, "他说…", "他说……"},
    {7, "...他说", "……他说"},
    {7, "1...10", "1...10"},
    {7, "他说……", "他说……"},
    {7, "Wait...", "Wait..."},
    {7, "Wait… what", "Wait… what"},
    {7, "a..b", "a..b"},

    // N8: doubled dashes next to CJK → ——, a lone U+2015 → U+2014.
    {8, "经济――这", "经济——这"},
    {8, "经济--这", "经济——这"},
    {8, "经济──这", "经济——这"},
    {8, "经济－－这", "经济——这"},
    {8, "1949―1986年", "1949—1986年"},
    {8, "1949—1986年", "1949—1986年"},
    {8, "--help", "--help"},
    {8, "运行 --help 查看", "运行 --help 查看"},
    {8, "┌──┐", "┌──┐"},
    {8, "│中──│", "│中──│"},
    {8, "────────", "────────"},
    {8, "——进一步加强", "——进一步加强"},
    {8, "a--b", "a--b"},

    // N9: middle dots between Han → U+00B7.
    {9, "马克思・恩格斯", "马克思·恩格斯"},
    {9, "马克思•恩格斯", "马克思·恩格斯"},
    {9, "马克思∙恩格斯", "马克思·恩格斯"},
    {9, "马克思‧恩格斯", "马克思·恩格斯"},
    {9, "马克思･恩格斯", "马克思·恩格斯"},
    {9, "• 列表项", "• 列表项"},
    {9, "ジョン・スミス", "ジョン・スミス"},
    {9, "马克思·恩格斯", "马克思·恩格斯"},
    {9, "Jean•Paul", "Jean•Paul"},

    // N10: wave dash → full-width tilde.
    {10, "100〜200元", "100～200元"},
    {10, "周一〜周五", "周一～周五"},
    {10, "〜", "～"},
    {10, "~/.bashrc", "~/.bashrc"},
    {10, "100～200元", "100～200元"},
    {10, "a~b", "a~b"},

    // N11: spaces between CJK; leading U+3000 indents; trailing spaces.
    {11, "中 国", "中国"},
    {11, "　　2月10日", "2月10日"},
    {11, "中　国", "中国"},
    {11, "中\u00A0国", "中国"},
    {11, "你好。 今天", "你好。今天"},
    {11, "文本结尾   ", "文本结尾"},
    {11, "English line  ", "English line"},
    {11, "在 LeanCloud 上", "在 LeanCloud 上"},
    {11, "5000 元", "5000 元"},
    {11, "Hello world", "Hello world"},
    {11, "  indented code", "  indented code"},
    {11, "안녕 하세요", "안녕 하세요"},

    // N12: unusual spaces → ASCII space.
    {12, "5000\u00A0元", "5000 元"},
    {12, "a\u2002b", "a b"},
    {12, "Hello\u202Fworld", "Hello world"},
    {12, "a\u205Fb", "a b"},
    {12, "价格　100元", "价格 100元"},
    {12, "a b", "a b"},
    {12, "a\tb", "a\tb"},
    {12, "5000 元", "5000 元"},

    // N13: invisible characters deleted.
    {13, "中\u200B国", "中国"},
    {13, "\uFEFF标题", "标题"},
    {13, "co\u00ADop", "coop"},
    {13, "a\u2060b", "ab"},
    {13, "👨\u200D👩\u200D👧", "👨\u200D👩\u200D👧"},
    {13, "a\u200Cb", "a\u200Cb"},
    {13, "中国", "中国"},

    // N14: Kangxi radicals and compatibility ideographs.
    {14, "⼈", "人"},
    {14, "⼀⼆三", "一二三"},
    {14, "\uF900", "\u8C48"},
    {14, "\uFA10", "\u585A"},
    {14, "\U0002F800", "\u4E3D"},
    {14, "人", "人"},
    {14, "\uFA0E\uFA0F\uFA11\uFA13\uFA14\uFA1F", "\uFA0E\uFA0F\uFA11\uFA13\uFA14\uFA1F"},
    {14, "\uFA21\uFA23\uFA24\uFA27\uFA28\uFA29", "\uFA21\uFA23\uFA24\uFA27\uFA28\uFA29"},

    // N15: URLs and emails copied unchanged; the rules still apply around them.
    {4, "网址:www.sina.com.cn", "网址：www.sina.com.cn"},
    {5, "详见http://a.cn/x?a=1,b=2.", "详见http://a.cn/x?a=1,b=2。"},
    {4, "联系abc@x.com,谢谢", "联系abc@x.com，谢谢"},
    {15, "详见https://example.com/a?b=1,c=2", "详见https://example.com/a?b=1,c=2"},
    {15, "邮箱name.surname@example.com", "邮箱name.surname@example.com"},
    {15, "网址www.sina.com.cn", "网址www.sina.com.cn"},
    {15, "链接https://x.cn/a...b--c(中)", "链接https://x.cn/a...b--c(中)"},

    // N16: NFC.
    {16, "Cafe\u0301", "Caf\u00E9"},
    {16, "\u212B", "\u00C5"},
    {16, "中文a\u0308", "中文\u00E4"},
    {16, "Caf\u00E9", "Caf\u00E9"},
    {16, "中文", "中文"},
    {16, "\u00C5", "\u00C5"},
};

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

TEST(NormalizeTest, Rows) {
  const Normalizer normalizer{NormalizeOptions{}};
  for (const Row& row : kRows) {
    NormalizeCounts counts;
    const std::string got = normalizer.normalize(row.input, &counts);
    EXPECT_EQ(got, row.expected) << "N" << row.rule << " input: " << escape(row.input);
    if (row.input != row.expected) {
      EXPECT_GT(counts.changes[static_cast<std::size_t>(row.rule)], 0u)
          << "N" << row.rule << " did not count a change for input: " << row.input;
    } else {
      EXPECT_EQ(counts.total(), 0u) << "a change counted for unchanged input: " << row.input;
    }
  }
}

TEST(NormalizeTest, EveryRuleHasThreeRowsEachWay) {
  std::array<int, kNormalizeRuleCount + 1> changed{};
  std::array<int, kNormalizeRuleCount + 1> kept{};
  for (const Row& row : kRows) {
    ++(row.input == row.expected ? kept : changed)[static_cast<std::size_t>(row.rule)];
  }
  for (int rule = 1; rule <= kNormalizeRuleCount; ++rule) {
    const auto i = static_cast<std::size_t>(rule);
    // N15 changes nothing itself: its "changed" rows are counted under the rule that fires.
    if (rule != 15) {
      EXPECT_GE(changed[i], 3) << "N" << rule;
    }
    EXPECT_GE(kept[i], 3) << "N" << rule;
  }
}

TEST(NormalizeTest, RowsAreIdempotent) {
  const Normalizer normalizer{NormalizeOptions{}};
  for (const Row& row : kRows) {
    const std::string once = normalizer.normalize(row.input);
    EXPECT_EQ(normalizer.normalize(once), once) << "input: " << row.input;
  }
}

// NFC may change how many characters a line holds: U+0F5C, excluded from composition,
// decomposes into two. N5 looks back over a bounded number of characters, so the rules must
// judge the composed text, as a second pass does; here the extra character pushes the word "a"
// out of reach and the full stop becomes Chinese on the first pass already.
TEST(NormalizeTest, RulesJudgeTheComposedLine) {
  const Normalizer normalizer{NormalizeOptions{}};
  const std::string digits(253, '1');
  NormalizeCounts counts;
  const std::string once = normalizer.normalize("a\u0F5C中" + digits + ".", &counts);
  EXPECT_EQ(once, "a\u0F5B\u0FB7中" + digits + "\u3002");
  EXPECT_EQ(normalizer.normalize(once), once);
  EXPECT_EQ(counts.changes[16], 1u);
  EXPECT_EQ(counts.changes[5], 1u);
  EXPECT_EQ(counts.total(), 2u);
}

// A URL or email trigger is judged as a second pass will see the line: a full-width letter of
// the scheme (N1 makes it ASCII) or an invisible character in it (N13 removes it) counts as what
// it becomes. Found by the fuzzer: with 'Ｍ' not counted, "s" alone was no scheme on the first
// pass, "iMs" one on the second, and the parentheses paired differently.
TEST(NormalizeTest, UrlTriggersAreJudgedAsASecondPassSeesThem) {
  const Normalizer normalizer{NormalizeOptions{}};
  const std::string expected = ":（iMs://):(i）爆.";
  EXPECT_EQ(normalizer.normalize(":(i\uFF2Ds://):(i)爆."), expected);
  EXPECT_EQ(normalizer.normalize(":(i\u200BMs://):(i)爆."), expected);
  EXPECT_EQ(normalizer.normalize(expected), expected);
  // "www" after ':' starts a URL as after '：', which N4 makes of it after CJK.
  EXPECT_EQ(normalizer.normalize("「:www.a.cn/(x)"), "「：www.a.cn/(x)");
  EXPECT_EQ(normalizer.normalize("「：www.a.cn/(x)"), "「：www.a.cn/(x)");
  // No email without a letter or digit before the '@': "--" is N8's to change, not a local part.
  EXPECT_EQ(normalizer.normalize("『--@\uFF12.j眧"), "『——@2.j眧");
  EXPECT_EQ(normalizer.normalize("『a--@\uFF12.j眧"), "『a--@\uFF12.j眧");  // an email, copied
  for (const char* line : {"(\uFF41@x.com)中", "(a\u200B@x.com)中", "(a@\u200Bx.com)中",
                           "(\uFF57ww.a.cn)中", "(w\u200Bww.a.cn)中", "(ht:\u200B//a.cn)中"}) {
    const std::string once = normalizer.normalize(line);
    EXPECT_EQ(normalizer.normalize(once), once) << line;
  }
}

// Random strings over the characters the rules care about: any decision that depends on
// something the first pass changes shows up here as a second pass that changes more.
TEST(NormalizeTest, RandomTextIsIdempotent) {
  static constexpr std::string_view kAlphabet[] = {
      "中",      "国", "好",      "人",   "カ",    "한", "a",  "b", "Z",      "1",  "9",
      " ",       "　", "\u00A0",  ",",    ".",     ":",  ";",  "!", "?",      "(",  ")",
      "\"",      "-",  "@",       "/",    "%",     "~",  "…",  "⋯", "。",     "，", "：",
      "（",      "）", "“",       "”",    "「",    "」", "—",  "―", "─",      "－", "・",
      "•",       "〜", "．",      "％",   "１",    "Ａ", "﹐", "｡", "\u200B", "⼈", "\uF900",
      "e\u0301", "\t", "http://", "www.", "x.com", "'",
  };
  const std::vector<NormalizeOptions> variants = [] {
    std::vector<NormalizeOptions> v(3);
    v[1].cjk_spacing = true;
    v[2].corner_quotes = true;
    return v;
  }();
  std::mt19937 random(20240521);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kAlphabet) - 1);
  std::uniform_int_distribution<int> length(1, 14);
  for (const NormalizeOptions& options : variants) {
    const Normalizer normalizer(options);
    for (int i = 0; i < 30000; ++i) {
      std::string text;
      for (int n = length(random); n > 0; --n)
        text += kAlphabet[pick(random)];
      const std::string once = normalizer.normalize(text);
      const std::string twice = normalizer.normalize(once);
      ASSERT_EQ(twice, once) << "input: " << escape(text) << " spacing=" << options.cjk_spacing
                             << " corner=" << options.corner_quotes;
    }
  }
}

std::vector<std::filesystem::path> files_under(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file())
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

void expect_idempotent_on_files(const std::filesystem::path& dir) {
  const Normalizer normalizer{NormalizeOptions{}};
  std::size_t lines = 0;
  for (const auto& path : files_under(dir)) {
    for (const std::string& line : lines_of(testing::read_all(path))) {
      const std::string once = normalizer.normalize(line);
      ASSERT_EQ(normalizer.normalize(once), once) << path << ": " << line;
      ++lines;
    }
  }
  EXPECT_GT(lines, 0u);
}

TEST(NormalizeTest, IdempotentOnSeeds) {
  expect_idempotent_on_files(testing::source_dir() / "seeds");
}

TEST(NormalizeTest, IdempotentOnSharedCorpus) {
  if (!std::filesystem::is_directory(testing::shared_corpus())) {
    GTEST_SKIP() << "no shared corpus at " << testing::shared_corpus();
  }
  expect_idempotent_on_files(testing::shared_corpus());
}

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = n == 1 ? b : static_cast<char32_t>(b & (0x7Fu >> n));
    for (int k = 1; k < n && i + static_cast<std::size_t>(k) < s.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    out.push_back(c);
    i += static_cast<std::size_t>(n);
  }
  return out;
}

TEST(NormalizeTest, SeedsComeOutClean) {
  const Normalizer normalizer{NormalizeOptions{}};
  const auto seeds = testing::source_dir() / "seeds";
  for (const auto& path : files_under(seeds)) {
    for (const std::string& line : lines_of(testing::read_all(path))) {
      const std::u32string out = to_u32(normalizer.normalize(line));
      for (std::size_t i = 0; i < out.size(); ++i) {
        const char32_t c = out[i];
        EXPECT_NE(c, U'\u3000') << path << ": " << line;
        EXPECT_NE(c, U'\u00A0') << path << ": " << line;
        EXPECT_TRUE(c != U'\u200B' && c != U'\u2060' && c != U'\uFEFF') << path << ": " << line;
        if ((c == U',' || c == U':') && i > 0 && i + 1 < out.size()) {
          EXPECT_FALSE(is_han(out[i - 1]) && is_han(out[i + 1])) << path << ": " << line;
        }
      }
    }
  }
}

std::size_t occurrences(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string_view::npos;
       at = text.find(what, at + what.size())) {
    ++n;
  }
  return n;
}

TEST(NormalizeTest, Seed002KeepsItsDashPairs) {
  const Normalizer normalizer{NormalizeOptions{}};
  const auto path = testing::source_dir() / "seeds" / "002_ad880c8de21a5870.txt";
  const std::string raw = testing::read_all(path);
  ASSERT_GT(occurrences(raw, "——进一步"), 0u);
  const std::string out = normalizer.normalize(raw);
  EXPECT_EQ(occurrences(out, "——进一步"), occurrences(raw, "——进一步"));
  EXPECT_EQ(occurrences(out, "——"), occurrences(raw, "——"));
}

TEST(NormalizeTest, CornerQuotesOption) {
  EXPECT_EQ(Normalizer(NormalizeOptions{}).normalize("「好」『嗯』"), "「好」『嗯』");
  NormalizeOptions options;
  options.corner_quotes = true;
  const Normalizer normalizer(options);
  constexpr std::pair<std::string_view, std::string_view> kCases[] = {
      {"「好」『嗯』", "“好”‘嗯’"},
      {"他说：「今天『很好』」", "他说：“今天‘很好’”"},
      {"｢半角｣", "“半角”"},
      {"“已经是弯引号”", "“已经是弯引号”"},
  };
  for (auto [input, expected] : kCases) {
    const std::string got = normalizer.normalize(input);
    EXPECT_EQ(got, expected) << "input: " << input;
    EXPECT_EQ(normalizer.normalize(got), got) << "input: " << input;
  }
}

TEST(NormalizeTest, CjkSpacingOption) {
  EXPECT_EQ(Normalizer(NormalizeOptions{}).normalize("在LeanCloud上"), "在LeanCloud上");
  NormalizeOptions options;
  options.cjk_spacing = true;
  const Normalizer normalizer(options);
  constexpr std::pair<std::string_view, std::string_view> kCases[] = {
      {"在LeanCloud上", "在 LeanCloud 上"}, {"5000元", "5000 元"},
      {"使用ＧＰＵ训练", "使用 GPU 训练"},  {"已经 OK 了", "已经 OK 了"},
      {"他说，OK。", "他说，OK。"},         {"见https://a.cn/x页面", "见 https://a.cn/x 页面"},
      {"Hello world", "Hello world"},
  };
  for (auto [input, expected] : kCases) {
    const std::string got = normalizer.normalize(input);
    EXPECT_EQ(got, expected) << "input: " << input;
    EXPECT_EQ(normalizer.normalize(got), got) << "input: " << input;
  }
}

TEST(NormalizeTest, SimplifiedOption) {
  EXPECT_EQ(Normalizer(NormalizeOptions{}).normalize("中國經濟發展"), "中國經濟發展");
  NormalizeOptions options;
  options.simplified = true;
  const Normalizer normalizer(options);
  constexpr std::pair<std::string_view, std::string_view> kCases[] = {
      {"中國經濟發展", "中国经济发展"},
      {"臺灣,這是測試", "台湾，这是测试"},
      {"⿔", "龟"},  // N14 gives the traditional 龜, then the conversion runs
      {"中国经济发展", "中国经济发展"},
      {"All English", "All English"},
  };
  for (auto [input, expected] : kCases) {
    const std::string got = normalizer.normalize(input);
    EXPECT_EQ(got, expected) << "input: " << input;
    EXPECT_EQ(normalizer.normalize(got), got) << "input: " << input;
  }
}

TEST(NormalizeTest, DisableRules) {
  auto some = disable_rules(NormalizeOptions{}, "N4,n6");
  ASSERT_TRUE(some.ok());
  for (int rule = 1; rule <= kNormalizeRuleCount; ++rule) {
    EXPECT_EQ(some->enabled[static_cast<std::size_t>(rule)], rule != 4 && rule != 6) << rule;
  }
  const Normalizer without_n4_n6(*some);
  EXPECT_EQ(without_n4_n6.normalize("他说,好"), "他说,好");
  EXPECT_EQ(without_n4_n6.normalize("说\"好\"。"), "说\"好\"。");
  EXPECT_EQ(without_n4_n6.normalize("中 国"), "中国");

  auto spaced = disable_rules(NormalizeOptions{}, " N11 , N12 ");
  ASSERT_TRUE(spaced.ok());
  EXPECT_FALSE(spaced->enabled[11]);
  EXPECT_FALSE(spaced->enabled[12]);

  auto all = disable_rules(NormalizeOptions{}, "ALL");
  ASSERT_TRUE(all.ok());
  const Normalizer nothing(*all);
  for (const Row& row : kRows) {
    EXPECT_EQ(nothing.normalize(row.input), row.input) << "input: " << row.input;
  }

  for (std::string_view bad : {"N99", "N0", "N17", "N01", "4", "", "N4,", "N4;N6", "none"}) {
    auto result = disable_rules(NormalizeOptions{}, bad);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_EQ(result.error().code, ErrorCode::invalid_option) << bad;
    EXPECT_EQ(result.error().stage, Stage::normalize) << bad;
  }
  EXPECT_EQ(disable_rules(NormalizeOptions{}, "N4,N99").error().detail,
            "unknown normalization rule 'N99' (expected N1..N16 or 'all')");
}

TEST(NormalizeTest, CountsChangesPerRule) {
  const Normalizer normalizer{NormalizeOptions{}};
  NormalizeCounts counts;
  EXPECT_EQ(normalizer.normalize("ＧＤＰ６增长,达到(新高)...  ", &counts),
            "GDP6增长，达到（新高）……");
  EXPECT_EQ(counts.changes[1], 4u);
  EXPECT_EQ(counts.changes[4], 1u);
  EXPECT_EQ(counts.changes[6], 1u);  // a pair counts once
  EXPECT_EQ(counts.changes[7], 1u);
  EXPECT_EQ(counts.changes[11], 1u);
  EXPECT_EQ(counts.total(), 8u);

  normalizer.normalize("中 国", &counts);  // adds up
  EXPECT_EQ(counts.changes[11], 2u);
  NormalizeCounts sum;
  sum += counts;
  sum += counts;
  EXPECT_EQ(sum.total(), 2 * counts.total());
}

TEST(NormalizeTest, LinesInsideTextAreParagraphs) {
  const Normalizer normalizer{NormalizeOptions{}};
  EXPECT_EQ(normalizer.normalize("　　第一段,好  \n　　第二段.\n\nEnglish.  "),
            "第一段，好\n第二段。\n\nEnglish.");
}

TEST(NormalizeTest, StreamFilter) {
  const Normalizer normalizer{NormalizeOptions{}};
  std::istringstream in("他说,好\n中 国\r\nplain line\nno newline at end.");
  std::ostringstream out;
  NormalizeCounts counts;
  ASSERT_TRUE(normalize_stream(in, out, normalizer, &counts));
  EXPECT_EQ(out.str(), "他说，好\n中国\r\nplain line\nno newline at end.");
  EXPECT_EQ(counts.changes[4], 1u);
  EXPECT_EQ(counts.changes[11], 1u);
}

TEST(NormalizeTest, SharedAcrossThreadsGivesTheSameResult) {
  const Normalizer normalizer{NormalizeOptions{}};
  std::string text;
  for (const Row& row : kRows)
    (text += row.input) += '\n';
  const std::string expected = normalizer.normalize(text);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i)
        result = normalizer.normalize(text);
    });
  }
  for (auto& thread : threads)
    thread.join();
  for (const auto& result : results)
    EXPECT_EQ(result, expected);
}

}  // namespace
}  // namespace corpus_clean

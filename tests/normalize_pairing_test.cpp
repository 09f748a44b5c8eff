// Tests of N6's bracket and quote pairing (src/normalize/pairing.hpp) on its own: rows of
// {input, the input with the marks N6 converts made full-width} for pairs that convert and for
// marks that must stay.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "normalize/pairing.hpp"
#include "test_util.hpp"

namespace corpus_clean::normalize_detail {
namespace {

struct Row {
  std::string_view input;
  std::string_view expected;  // the input with each converted mark as N6 writes it
  int rule_off = 0;           // a rule switched off for the row, or 0
};

constexpr Row kRows[] = {
    // Pairs holding Han, or touching it on the outside.
    {"说:\"好\"", "说:“好”"},
    {"(新华社莫斯科3月21日电)", "（新华社莫斯科3月21日电）"},
    {"国内生产总值(GDP)增长", "国内生产总值（GDP）增长"},
    {"他说\"yes\"", "他说“yes”"},
    {"\"yes\"他说", "“yes”他说"},
    {"\"中国\"和\"美国\"", "“中国”和“美国”"},
    {"\"a\"中\"b\"", "“a”中“b”"},
    {"(甲(乙)丙)", "（甲（乙）丙）"},
    {"(1234)项", "（1234）项"},
    // Across what N13 deletes, which a second pass does not see.
    {"中\u200B(GDP)", "中\u200B（GDP）"},
    {"(GDP)\u200B中", "（GDP）\u200B中"},
    {"中\u200B(GDP)", "中\u200B(GDP)", 13},
    // Angle brackets around a title, past what other rules change inside them.
    {"见<路线图>", "见〈路线图〉"},
    {"《关于完成制定<中俄货物贸易和服务贸易高质量发展的路线图>的联合声明》",
     "《关于完成制定〈中俄货物贸易和服务贸易高质量发展的路线图〉的联合声明》"},
    {"<堁?>", "〈堁?〉"},
    {"<码-->", "〈码--〉"},
    {"<爆\">", "〈爆\"〉"},
    {"<<中国>>", "〈〈中国〉〉"},
    {"<堁? >", "〈堁? 〉"},
    // Parentheses and angle brackets pair on stacks of their own.
    {"(见<路线图)>", "（见〈路线图）〉"},
    // Outside URLs, and inside them when N15 is off.
    {"(见http://a.cn/x)", "（见http://a.cn/x）"},
    {"见https://en.wikipedia.org/wiki/Foo_(bar)页面",
     "见https://en.wikipedia.org/wiki/Foo_（bar）页面", 15},

    // Pairs that stay: list markers, English, code and HTML.
    {"(1)加快", "(1)加快"},
    {"(a)项目", "(a)项目"},
    {"(iv)条款", "(iv)条款"},
    {"(123)项", "(123)项"},
    {"He said \"yes\"", "He said \"yes\""},
    {"f(x) = 1", "f(x) = 1"},
    {"if a<b and b>c", "if a<b and b>c"},
    {"换行<br>标签", "换行<br>标签"},
    {"3 < 4 且 5 > 2", "3 < 4 且 5 > 2"},
    {"<!-- 正文下iframe -->", "<!-- 正文下iframe -->"},
    {"a<中b>c", "a<中b>c"},
    {"中<b>", "中<b>"},
    {"见<路线图>", "见<路线图>", 6},
    {"(新华社电)", "(新华社电)", 6},
    // Marks without a partner.
    {"(中国", "(中国"},
    {"中国)", "中国)"},
    {"\"中国", "\"中国"},
    {"箭头->和<-", "箭头->和<-"},
    {"中)(国", "中)(国"},
    // Marks inside a URL or e-mail address, or next to one.
    {"见https://en.wikipedia.org/wiki/Foo_(bar)页面",
     "见https://en.wikipedia.org/wiki/Foo_(bar)页面"},
    {"链接https://x.cn/a(中)", "链接https://x.cn/a(中)"},
    {"写信\"a\"@b.cn中", "写信“a”@b.cn中"},
};

// Every rule on but `rule`; 0, an index no rule has, leaves them all on.
RuleSwitches all_on_but(int rule) {
  RuleSwitches rules = NormalizeOptions{}.enabled;
  rules[static_cast<std::size_t>(rule)] = false;
  return rules;
}

std::string_view full_width(const PairMark& mark) {
  switch (mark.ch) {
    case '(':
      return "（";
    case ')':
      return "）";
    case '<':
      return "〈";
    case '>':
      return "〉";
    default:
      return mark.opening ? "“" : "”";
  }
}

// The input with the marks N6 converts made full-width; "" when a mark is out of order or not
// at a ( ) " < >.
std::string converted(std::string_view input, const RuleSwitches& rules) {
  const Line line(input, CharTable::instance(), rules);
  std::vector<PairMark> marks;
  PairScratch scratch;
  pair_marks(line, 0, marks, scratch);
  std::string out;
  std::size_t done = 0;
  for (const PairMark& mark : marks) {
    if (mark.pos < done || mark.pos >= input.size() || input[mark.pos] != mark.ch)
      return "";
    out.append(input, done, mark.pos - done);
    if (mark.convert) {
      out.append(full_width(mark));
    } else {
      out.push_back(mark.ch);
    }
    done = mark.pos + 1;
  }
  out.append(input, done);
  return out;
}

TEST(NormalizePairingTest, Rows) {
  for (const Row& row : kRows) {
    EXPECT_EQ(converted(row.input, all_on_but(row.rule_off)), row.expected)
        << "input: " << testing::visible(row.input)
        << (row.rule_off != 0 ? " with N" + std::to_string(row.rule_off) + " off" : "");
  }
}

// The walk asks first at its first mark; what lies before it must not change the decisions.
TEST(NormalizePairingTest, StartingAtTheFirstMarkDecidesAlike) {
  const RuleSwitches rules = NormalizeOptions{}.enabled;
  for (const Row& row : kRows) {
    if (row.rule_off != 0)
      continue;
    const Line line(row.input, CharTable::instance(), rules);
    std::vector<PairMark> from_start;
    std::vector<PairMark> from_first;
    PairScratch scratch;
    pair_marks(line, 0, from_start, scratch);
    const std::size_t first = from_start.empty() ? row.input.size() : from_start.front().pos;
    pair_marks(line, first, from_first, scratch);
    EXPECT_EQ(from_first, from_start) << "input: " << testing::visible(row.input);
  }
}

// One scratch serves line after line: nothing of one line's pairing carries over to the next.
TEST(NormalizePairingTest, ScratchCarriesNothingOver) {
  const RuleSwitches rules = NormalizeOptions{}.enabled;
  std::vector<PairMark> marks;
  PairScratch scratch;
  pair_marks(Line("((((中", CharTable::instance(), rules), 0, marks, scratch);
  pair_marks(Line("中)", CharTable::instance(), rules), 0, marks, scratch);
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_FALSE(marks[0].convert);
}

}  // namespace
}  // namespace corpus_clean::normalize_detail

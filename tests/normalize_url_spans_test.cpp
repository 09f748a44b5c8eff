// Tests of the URL and e-mail finder of N15 (src/normalize/url_spans.hpp) on its own: rows of
// {input, the input with its spans marked} for what is a span and what must not be one.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "normalize/url_spans.hpp"
#include "test_util.hpp"

namespace corpus_clean::normalize_detail {
namespace {

// Where a span begins and ends in the expected column.
constexpr std::string_view kOpen = "⟦";
constexpr std::string_view kClose = "⟧";

struct Row {
  std::string_view input;
  std::string_view expected;  // the input with ⟦ ⟧ around each span
  int rule_off = 0;           // a rule switched off for the row, or 0
};

constexpr Row kRows[] = {
    // Schemes.
    {"详见https://example.com/a?b=1,c=2", "详见⟦https://example.com/a?b=1,c=2⟧"},
    {"访问http://a.cn/x。", "访问⟦http://a.cn/x⟧。"},
    {"ftp://files.example.org/a b", "⟦ftp://files.example.org/a⟧ b"},
    {"链接https://x.cn/a...b--c(中)", "链接⟦https://x.cn/a...b--c(⟧中)"},
    {"http://www.a.cn/", "⟦http://www.a.cn/⟧"},
    // A scheme starts at its leftmost letter, and holds + . - after it.
    {"1.x+y-z://w", "1.⟦x+y-z://w⟧"},
    // Sentence punctuation after a URL is not part of it, nor a ')' it did not open.
    {"详见http://a.cn/x?a=1,b=2.", "详见⟦http://a.cn/x?a=1,b=2⟧."},
    {"(见http://a.cn/x)", "(见⟦http://a.cn/x⟧)"},
    {"见https://en.wikipedia.org/wiki/Foo_(bar)页面",
     "见⟦https://en.wikipedia.org/wiki/Foo_(bar)⟧页面"},
    {"http://a.cn/x!?'*_~", "⟦http://a.cn/x⟧!?'*_~"},
    // As a second pass sees the line: N1 makes full-width letters and digits ASCII, N13 deletes
    // invisible characters (an N13 character ends no URL, nor does one at its end belong to it).
    {"ｈｔｔｐ://a.cn", "⟦ｈｔｔｐ://a.cn⟧"},
    {":(i\uFF2Ds://):(i)爆.", ":(⟦i\uFF2Ds://):(i⟧)爆."},
    {":(i\u200BMs://):(i)爆.", ":(⟦i\u200BMs://):(i⟧)爆."},
    {"(ht:\u200B//a.cn)中", "(⟦ht:\u200B//a.cn⟧)中"},
    {"http://a.cn/\uFF41\uFF42", "⟦http://a.cn/\uFF41\uFF42⟧"},
    {"http://a.cn/x\u200By", "⟦http://a.cn/x\u200By⟧"},
    {"http://a.cn/x\u200B", "⟦http://a.cn/x⟧\u200B"},
    {"ｈｔｔｐ://a.cn", "ｈｔｔｐ://a.cn", 1},
    {"h\u200Btp://a.cn", "h\u200B⟦tp://a.cn⟧", 13},

    // "www." starting a word.
    {"网址www.sina.com.cn", "网址⟦www.sina.com.cn⟧"},
    {"WWW.A.CN", "⟦WWW.A.CN⟧"},
    {"(\uFF57ww.a.cn)中", "(⟦\uFF57ww.a.cn⟧)中"},
    {"(w\u200Bww.a.cn)中", "(⟦w\u200Bww.a.cn⟧)中"},
    // After ':' as after the '：' N4 makes of it after CJK.
    {"网址:www.sina.com.cn", "网址:⟦www.sina.com.cn⟧"},
    {"「：www.a.cn/(x)", "「：⟦www.a.cn/(x)⟧"},

    // E-mail addresses.
    {"邮箱name.surname@example.com", "邮箱⟦name.surname@example.com⟧"},
    {"联系abc@x.com,谢谢", "联系⟦abc@x.com⟧,谢谢"},
    {"a_b%c+d-e@x.y.cn", "⟦a_b%c+d-e@x.y.cn⟧"},
    {"mailto:a@b.cn", "mailto:⟦a@b.cn⟧"},
    {"(\uFF41@x.com)中", "(⟦\uFF41@x.com⟧)中"},
    {"(a\u200B@x.com)中", "(⟦a\u200B@x.com⟧)中"},
    {"(a@\u200Bx.com)中", "(⟦a@\u200Bx.com⟧)中"},
    {"『a--@\uFF12.j眧", "『⟦a--@\uFF12.j⟧眧"},
    // A local part starts at a letter or digit and holds no "..".
    {"--a@b.cn", "--⟦a@b.cn⟧"},
    {"x..a.b@c.cn", "x..⟦a.b@c.cn⟧"},
    // Two in a line.
    {"a@b.cn和http://c.cn", "⟦a@b.cn⟧和⟦http://c.cn⟧"},

    // Not URLs.
    {"下午5:30开会", "下午5:30开会"},
    {"比例为3∶1", "比例为3∶1"},
    {"版本v2.0发布", "版本v2.0发布"},
    {"访问sina.com.cn查看", "访问sina.com.cn查看"},
    {"a://b.cn", "a://b.cn"},
    {"1a://b.cn", "1a://b.cn"},
    {"http://", "http://"},
    {"http:// a.cn", "http:// a.cn"},
    {"http:/a.cn", "http:/a.cn"},
    {"中://a.cn", "中://a.cn"},
    {"awww.a.cn", "awww.a.cn"},
    {"1www.a.cn", "1www.a.cn"},
    {"a.www.b.cn", "a.www.b.cn"},
    {"x-www.a.cn x_www.a.cn /www.a.cn @www.a.cn", "x-www.a.cn x_www.a.cn /www.a.cn @www.a.cn"},
    {"ww.a.cn", "ww.a.cn"},
    {"www.", "www."},
    {"www. a", "www. a"},
    // Not e-mail addresses.
    {"『--@\uFF12.j眧", "『--@\uFF12.j眧"},
    {"@x.com", "@x.com"},
    {"a@b", "a@b"},
    {"a@b.", "a@b."},
    {"a@.cn", "a@.cn"},
    {"a@b..cn", "a@b..cn"},
    {"中@x.cn", "中@x.cn"},
};

// Every rule on but `rule`; 0, an index no rule has, leaves them all on.
RuleSwitches all_on_but(int rule) {
  RuleSwitches rules = NormalizeOptions{}.enabled;
  rules[static_cast<std::size_t>(rule)] = false;
  return rules;
}

// The input with its spans marked; "" when the spans are out of order, overlap or have a trigger
// outside them.
std::string marked(std::string_view input, const RuleSwitches& rules) {
  const Line line(input, CharTable::instance(), rules);
  std::string out;
  std::size_t done = 0;
  for (const UrlSpan& span : url_spans(line)) {
    const char trigger = input[span.trigger];
    if (span.begin < done || span.trigger < span.begin || span.trigger >= span.end ||
        span.end > input.size() || (trigger != ':' && trigger != '.' && trigger != '@')) {
      return "";
    }
    out.append(input, done, span.begin - done);
    out.append(kOpen);
    out.append(input, span.begin, span.end - span.begin);
    out.append(kClose);
    done = span.end;
  }
  out.append(input, done);
  return out;
}

TEST(NormalizeUrlSpansTest, Rows) {
  for (const Row& row : kRows) {
    EXPECT_EQ(marked(row.input, all_on_but(row.rule_off)), row.expected)
        << "input: " << testing::visible(row.input)
        << (row.rule_off != 0 ? " with N" + std::to_string(row.rule_off) + " off" : "");
  }
}

// What one trigger finds: the walk asks at each ':', '.' or '@' it meets.
struct TriggerRow {
  std::string_view input;
  char trigger;                              // its first occurrence in the input is asked about
  std::optional<std::string_view> expected;  // the span's text
};

const TriggerRow kTriggerRows[] = {
    {"a.b://x.cn", ':', "a.b://x.cn"},       {"a.b://x.cn", '.', std::nullopt},
    {"mailto:a@b.cn", ':', std::nullopt},    {"mailto:a@b.cn", '@', "a@b.cn"},
    {"www.a.cn", '.', "www.a.cn"},           {"a@b.cn", '.', std::nullopt},
    {"see http://a.cn", ':', "http://a.cn"},
};

TEST(NormalizeUrlSpansTest, OneTrigger) {
  const RuleSwitches rules = NormalizeOptions{}.enabled;
  for (const TriggerRow& row : kTriggerRows) {
    const Line line(row.input, CharTable::instance(), rules);
    const std::size_t at = row.input.find(row.trigger);
    const std::optional<UrlSpan> span = url_span_at(line, at);
    ASSERT_EQ(span.has_value(), row.expected.has_value())
        << "input: " << testing::visible(row.input) << " trigger: " << row.trigger;
    if (span) {
      EXPECT_EQ(span->trigger, at) << "input: " << row.input;
      EXPECT_EQ(row.input.substr(span->begin, span->end - span->begin), *row.expected)
          << "input: " << testing::visible(row.input) << " trigger: " << row.trigger;
    }
  }
}

}  // namespace
}  // namespace corpus_clean::normalize_detail

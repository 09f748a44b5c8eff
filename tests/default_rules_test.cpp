// The built-in rules on posts of the kinds they get wrong most easily, through the whole
// pipeline: for each kind, rows that must change and rows that must not.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "corpus_clean/pipeline.hpp"

namespace corpus_clean {
namespace {

const Context& context() {
  static const std::unique_ptr<Context> built = std::move(Context::create(Options{})).value();
  return *built;
}

Outcome clean(const std::string& document, const std::string& name = "post.md") {
  return process_document(Document{name, name, document, {}}, context());
}

// A post with front matter (title, date; a url when given) and `body`.
std::string post(const std::string& body, const std::string& extra_front_matter = "") {
  return "---\ntitle: 标题\ndate: 2021-03-15 10:00:00\n" + extra_front_matter + "---\n" + body;
}

// A Markdown body of these paragraphs.
std::string markdown(const std::vector<std::string>& paragraphs) {
  std::string body;
  for (const std::string& p : paragraphs)
    body += p + "\n\n";
  return body;
}

// An HTML body of these paragraphs.
std::string html(const std::vector<std::string>& paragraphs) {
  std::string body = "<div>\n";
  for (const std::string& p : paragraphs)
    body += "<p>" + p + "</p>\n";
  return body + "</div>\n";
}

const std::string kLead =
    "双方指出，中俄总理定期会晤机制持续高效运行，有效指导两国经贸、投资、能源、科技、人文、地方等"
    "各领域合作实现全面深入发展。";
const std::string kMore =
    "双方愿继续完善该机制，推动两国互利合作取得新的成果，为两国人民带来实惠。";

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// `text` as the record's text shows it: normalized.
std::string shown(const std::string& text) {
  return context().normalizer().normalize(text, nullptr);
}

// A research report converted from PDF to Markdown: a cover with its date, analysts, contacts
// and related reports, a summary whose risk line stands on page 1, a body with a figure
// caption, a table and a formula, a page footer, and the disclaimer at the end.
std::string research_report(bool with_disclaimer) {
  std::vector<std::string> lines = {
      "# 钢铁行业深度报告：供给收缩下的盈利修复",
      "证券研究报告 | 2021 年 03 月 15 日",
      "分析师：张明远 SAC NO：S0570519110001",
      "证券分析师 李晓红",
      "执业证书编号：S1220517110002",
      "电话：021-68761616",
      "邮箱：zhangmy@example-securities.com",
      "联系人：王小川",
      "相关研究报告",
      "1.《钢铁行业周报：库存拐点已现》2021-03-08",
      "2.《碳中和背景下的钢铁行业》2021-02-20",
      "投资要点",
      "供给侧改革深化，行业集中度持续提升，龙头企业盈利能力有望修复。",
      "风险提示：宏观经济下行导致需求不及预期；原材料价格大幅波动。",
      "一、行业回顾",
      "2020 年全行业实现营业收入 6.5 万亿元，同比增长 8.2%，利润总额 2465 亿元，"
      "分析师认为盈利修复将延续到下半年。",
      "图 1：2016-2020 年行业营业收入及增速",
      "| 年份 | 营业收入（万亿元） | 增速 |\n|---|---|---|\n| 2019 | 6.0 | 5.1% |\n| 2020 | 6.5 | "
      "8.2% |",
      "吨钢毛利 = 钢材价格 - 铁矿石成本 × 1.6 - 焦炭成本 × 0.5",
      "请务必阅读正文之后的免责声明部分",
      "二、投资建议",
      "我们看好具备成本优势的龙头企业，维持行业“增持”评级，《2021年政府工作报告》提出的"
      "产能压减目标将在年内落实。",
      kLead,
      kMore,
  };
  if (with_disclaimer) {
    lines.push_back("免责声明：本报告仅供参考。");
    lines.push_back("本报告版权归本公司所有。");
  }
  return post(markdown(lines), "");
}

// Class 1: a cut never takes the article; the risk line of a report's summary is text.
TEST(DefaultRules, ACutOnlyRemovesATail) {
  struct Row {
    std::string document;
    std::vector<std::string> kept;
    std::vector<std::string> gone;
  };
  const std::vector<Row> rows = {
      {research_report(true),
       {"风险提示：宏观经济下行", "一、行业回顾", "二、投资建议", "我们看好具备成本优势"},
       {"免责声明", "本报告版权"}},
      {research_report(false), {"风险提示：宏观经济下行", "我们看好具备成本优势"}, {}},
      // A disclaimer at the end of a news post still goes.
      {post(html({kLead, kMore, "免责声明：本文仅供参考，不构成投资建议。"})),
       {kMore},
       {"免责声明"}},
      // A post that is nothing but a disclaimer keeps it: it is all there is.
      {post(html({"风险提示：市场有风险，投资需谨慎。"})), {"风险提示"}, {}},
  };
  for (const Row& row : rows) {
    const Outcome outcome = clean(row.document);
    for (const std::string& part : row.kept)
      EXPECT_TRUE(has(outcome.record.text, part)) << part << " lost from:\n" << row.document;
    for (const std::string& part : row.gone)
      EXPECT_FALSE(has(outcome.record.text, part)) << part << " kept in:\n" << row.document;
    EXPECT_FALSE(outcome.rules_removed_most) << row.document;
  }
}

// Class 2: a report's front page goes; its analysts and cover date are harvested; the body's
// figure captions, tables and formulas stay.
TEST(DefaultRules, ResearchReportFrontPage) {
  const Outcome outcome = clean(research_report(true));
  const Record& r = outcome.record;
  EXPECT_EQ(r.reporters, (std::vector<std::string>{"张明远", "李晓红"}));
  for (const char* gone :
       {"证券研究报告", "S0570519110001", "S1220517110002", "021-68761616", "zhangmy@", "王小川",
        "相关研究报告", "库存拐点已现", "碳中和背景下", "请务必阅读"}) {
    EXPECT_FALSE(has(r.text, gone)) << gone;
  }
  for (const char* kept : {"图 1：2016-2020 年行业营业收入及增速", "2020 6.5 8.2%",
                           "吨钢毛利 = 钢材价格 - 铁矿石成本 × 1.6", "分析师认为盈利修复",
                           "《2021年政府工作报告》", "投资要点"}) {
    EXPECT_TRUE(has(r.text, shown(kept))) << kept << " lost from:\n" << r.text;
  }
  // The cover's date, when the front matter has none.
  const Record undated = clean(markdown({"# 报告", "证券研究报告 | 2021 年 03 月 15 日",
                                         "相关研究报告", "《钢铁行业周报》2021-03-08", kLead}))
                             .record;
  EXPECT_EQ(undated.date, "2021-03-15");
  // A related report's date is not the document's.
  const Record listed =
      clean(markdown({"# 报告", "相关研究报告", "《钢铁行业周报》2021-03-08", kLead})).record;
  EXPECT_EQ(listed.date, std::nullopt);
  EXPECT_FALSE(has(listed.text, "钢铁行业周报"));
}

// Each front-page line alone: what goes and what stays.
TEST(DefaultRules, ResearchReportLines) {
  struct Row {
    const char* line;
    bool kept;
  };
  const Row rows[] = {
      {"分析师：张明远", false},
      {"证券分析师：张明远 李晓红", false},
      {"SAC 执业证书编号：S0570519110001", false},
      {"S0570519110001", false},
      {"电话：010-66558888", false},
      {"Email：analyst@example.com", false},
      {"analyst@example.com", false},
      {"联系人：王小川", false},
      {"相关研究", false},
      {"3、《基建投资回暖》—2021.02.01", false},
      {"行业研究 | 深度报告", false},
      {"证券研究报告 2 请务必阅读正文之后的免责声明部分", false},
      {"敬请参阅最后一页特别声明", false},
      // Sentences about analysts, reports, phones and dates stay.
      {"分析师认为，钢价将在二季度见顶。", true},
      {"分析师普遍上调了全年盈利预测，行业景气度回升。", true},
      {"《政府工作报告》2021年3月5日发布，提出多项目标。", true},
      {"《中华人民共和国民法典》", true},
      {"图 2：行业库存变化（万吨）", true},
      {"电话会议纪要显示，公司订单饱满。", true},
      {"行业研究表明，需求仍在回升。", true},
      // Headings of an article's sections that start like a report's header or analyst line.
      {"公司", true},
      {"宏观", true},
      {"分析师观点", true},
      {"联系人信息", true},
      // A date alone, not spaced, is as likely a line of a page's info box (成立时间 DATE).
      {"2023年12月27日", true},
  };
  for (const Row& row : rows) {
    const Record r = clean(post(markdown({kLead, row.line, kMore}))).record;
    const std::string expected =
        row.kept ? kLead + "\n" + shown(row.line) + "\n" + kMore : kLead + "\n" + kMore;
    EXPECT_EQ(r.text, expected) << row.line;
  }
}

// Class 3: a publisher's name in brackets at the end of the article fills source (below a
// 来源 line) and leaves the text.
TEST(DefaultRules, TrailingSourceTag) {
  struct Row {
    std::string body;
    std::optional<std::string> source;
    std::string last;  // the text's last paragraph
  };
  const std::vector<Row> rows = {
      {html({kLead, "（新华社）"}), "新华社", kLead},
      {html({kLead, kMore + "（经济日报）"}), "经济日报", kMore},
      {html({kLead, kMore + "（某某APP）"}), "某某APP", kMore},
      {html({kLead, kMore + "(某某客户端)"}), "某某客户端", kMore},
      {html({"来源：人民网", kLead, kMore + "（新华社）"}), "人民网", kMore},
      // Not a publisher: a name, the end mark, a caption; or not at the end.
      {html({kLead, kMore + "（吴家明）"}), std::nullopt, kMore + "（吴家明）"},
      {html({kLead, kMore + "（完）"}), std::nullopt, kMore + "（完）"},
      {html({kLead, "（图为会议现场）"}), std::nullopt, "（图为会议现场）"},
      {html({kLead + "（新华社）", kMore, kMore, kMore, kLead}), std::nullopt, kLead},
  };
  for (const Row& row : rows) {
    const Record r = clean(post(row.body)).record;
    EXPECT_EQ(r.source, row.source) << row.body;
    EXPECT_TRUE(r.text.ends_with(row.last)) << row.body << " → " << r.text;
  }
}

// Class 4: bylines in the forms not covered before, and their counter-examples.
TEST(DefaultRules, Bylines) {
  struct Row {
    std::string body;
    std::vector<std::string> reporters;
    std::string first;  // the text's first paragraph
  };
  const std::vector<Row> rows = {
      {markdown({"作者：张明远", "邮箱：zhangmy@example.com", kLead}), {"张明远"}, kLead},
      {markdown({"作者：张明远（某某研究院）", kLead}), {"张明远"}, kLead},
      {html({"文/张明远 " + kLead}), {"张明远"}, kLead},
      {html({"文 | 李晓红 " + kLead}), {"李晓红"}, kLead},
      {html({"记者 王小川 北京报道 " + kLead}), {"王小川"}, kLead},
      {html({"记者 王小川 李晓红", kLead}), {"王小川", "李晓红"}, kLead},
      {html({"温戈的回答", kLead}), {"温戈"}, kLead},
      {"<div><p><span class=\"author\">温戈，</span><span class=\"bio\">想当作家的芯片设计工程师"
       "</span></p><p>" +
           kLead + "</p></div>",
       {"温戈"},
       kLead},
      // Sentences that start like bylines stay whole.
      {html({"记者了解到，" + kLead}), {}, "记者了解到，" + kLead},
      {html({"记者26日从交通运输部获悉，" + kLead}), {}, "记者26日从交通运输部获悉，" + kLead},
      {html({"文化和旅游部 " + kLead}), {}, "文化和旅游部 " + kLead},
      {html({"首先，我们来看数据。", kLead}), {}, "首先，我们来看数据。"},
  };
  for (const Row& row : rows) {
    const Record r = clean(post(row.body)).record;
    EXPECT_EQ(r.reporters, row.reporters) << row.body;
    EXPECT_EQ(r.text.substr(0, r.text.find('\n')), shown(row.first)) << row.body;
  }
}

// Class 5: promotions inside an article go; an article about prices and courses keeps them.
TEST(DefaultRules, PromotionsInsideTheArticle) {
  struct Row {
    const char* block;
    bool kept;
  };
  const Row rows[] = {
      {"扫码报名｜原价1999元，限时特惠999元，前50名再领券立减100元！", false},
      {"添加微信：study_2021，咨询课程详情", false},
      {"限时优惠，扫码领取", false},
      {"训练营火热报名中，名额有限，咨询电话：400-8001234", false},
      {"下载某某财经APP，查看更多精彩内容", false},
      {"打开某某客户端", false},
      // Articles that talk about prices, courses and apps.
      {"苹果新款手机原价5999元，双十一期间限时优惠至4999元，京东、天猫均有折扣，业内人士认为今年"
       "电商促销力度明显加大。",
       true},
      {"据了解，该机构的课程原价为每课时300元，报名人数超过1万人，目前已暂停招生并退还学费。",
       true},
      {"下载量突破1亿次后，这款App的日活跃用户数在三个月内翻了一番。", true},
      {"记者咨询了多家银行，多数表示房贷利率暂无调整计划。", true},
  };
  for (const Row& row : rows) {
    const Record r = clean(post(html({kLead, row.block, kMore, kLead, kMore}))).record;
    EXPECT_EQ(has(r.text, row.block), row.kept) << row.block;
  }
}

// Class 6: a source is a publisher's name and nothing else.
TEST(DefaultRules, SourceIsThePublisher) {
  struct Row {
    const char* line;
    std::optional<std::string> source;
    std::vector<std::string> reporters;
  };
  const Row rows[] = {
      {"来源：某某新闻综合自新华社、人民日报、央视新闻", "某某新闻", {}},
      {"来源：经济日报记者 张明远", "经济日报", {}},
      {"来源：光明日报  作者：吴亚琦  图片：新华社等", "光明日报", {"吴亚琦"}},
      {"来源丨经济日报（ID：jjrbwx）", "经济日报", {}},
      {"来源：九派新闻、新华每日电讯", "九派新闻", {}},
      {"澎湃新闻见习记者 周頔", "澎湃新闻", {"周頔"}},
      {"来源：特约评论员", std::nullopt, {}},
      // Names that only look like that stay whole.
      {"来源：21世纪经济报道", "21世纪经济报道", {}},
      {"来源：人民网-人民日报", "人民网-人民日报", {}},
      {"来源：央视新闻客户端", "央视新闻客户端", {}},
  };
  for (const Row& row : rows) {
    const Record r = clean(post(html({row.line, kLead, kMore}))).record;
    EXPECT_EQ(r.source, row.source) << row.line;
    EXPECT_EQ(r.reporters, row.reporters) << row.line;
    EXPECT_TRUE(r.text.starts_with(kLead)) << row.line << " → " << r.text;
  }
}

// Class 7: a "read the original" link gives url when the front matter names none.
TEST(DefaultRules, ReadTheOriginalLinks) {
  struct Row {
    std::string document;
    std::optional<std::string> url;
  };
  const std::vector<Row> rows = {
      {post(html({kLead, "<a href=\"https://example.com/a/1?x=1&amp;y=2\">阅读原文</a>"})),
       "https://example.com/a/1?x=1&y=2"},
      {post(html({kLead, "<a href=\"https://example.com/a/2\"><span>查看知乎原文</span></a>"})),
       "https://example.com/a/2"},
      {post(markdown({kLead, "[查看原文](https://example.com/a/3)"})), "https://example.com/a/3"},
      {post(markdown({kLead, "原文链接：https://example.com/a/4"})), "https://example.com/a/4"},
      {post(markdown({kLead, "[报告下载](https://example.com/r/5.pdf)"})),
       "https://example.com/r/5.pdf"},
      {"\n" + kLead +
           "\n\n预览已结束，完整报告链接和二维码如下：\n\nhttps://example.com/report/6\n",
       "https://example.com/report/6"},
      // The front matter's url wins; other links and relative addresses are no url.
      {post(html({kLead, "<a href=\"https://example.com/a/7\">阅读原文</a>"}),
            "url: https://example.com/own\n"),
       "https://example.com/own"},
      {post(html({kLead, "<a href=\"https://example.com/a/8\">相关阅读</a>"})), std::nullopt},
      {post(html({kLead, "<a href=\"/a/9\">阅读原文</a>"})), std::nullopt},
      {post(markdown({kLead, "[原文](https://example.com/a/10) 说明了这一点。"})), std::nullopt},
  };
  for (const Row& row : rows) {
    const Record r = clean(row.document).record;
    EXPECT_EQ(r.url, row.url) << row.document;
    EXPECT_FALSE(has(r.text, "阅读原文") || has(r.text, "查看原文") || has(r.text, "预览已结束"))
        << row.document;
  }
}

// Class 8: a statement's signature date is the document's date, and so is a report's cover
// date; a date in the front matter wins.
TEST(DefaultRules, SignatureAndCoverDates) {
  struct Row {
    std::string document;
    std::optional<std::string> date;
  };
  const std::vector<Row> rows = {
      {markdown({"# 联合声明", kLead, kMore, "二〇二三年三月二十一日于莫斯科"}), "2023-03-21"},
      {markdown({"# 报告", "2021 年 03 月 15 日", kLead}), "2021-03-15"},
      {markdown({"# 报告", "行业深度报告 | 2021年3月15日", kLead}), "2021-03-15"},
      {post(markdown({"# 报告", "2021 年 03 月 15 日", kLead})), "2021-03-15T10:00:00"},
      {markdown({"# 报告", kLead, "相关研究报告", "《周报》2021-03-08"}), std::nullopt},
  };
  for (const Row& row : rows)
    EXPECT_EQ(clean(row.document).record.date, row.date) << row.document;
}

// Class 10: a dateline names the agency when no 来源 line or closing tag does; it stays in the
// text.
TEST(DefaultRules, DatelineAgencies) {
  struct Row {
    std::string body;
    std::optional<std::string> source;
  };
  const std::vector<Row> rows = {
      {html({"新华社北京5月9日电 " + kLead, kMore}), "新华社"},
      {html({"中新网6月1日电 " + kLead, kMore}), "中新网"},
      {html({"（新华社莫斯科3月21日电）" + kLead, kMore}), "新华社"},
      {html({kLead, kMore, "二〇二三年三月二十一日于莫斯科（新华社莫斯科3月21日电）"}), "新华社"},
      {html({"来源：人民网", "新华社北京5月9日电 " + kLead, kMore}), "人民网"},
      {html({"新华社北京5月9日电 " + kLead, kMore + "（经济日报）"}), "经济日报"},
      // No agency: a date in a sentence, a paper's own dateline.
      {html({"人民日报5月9日刊文指出，" + kLead, kMore}), std::nullopt},
      {html({"本报北京5月9日电 " + kLead, kMore}), std::nullopt},
  };
  for (const Row& row : rows) {
    const Record r = clean(post(row.body)).record;
    EXPECT_EQ(r.source, row.source) << row.body;
    EXPECT_TRUE(has(r.text, "5月9日") || has(r.text, "6月1日") || has(r.text, "3月21日"))
        << row.body << " → " << r.text;
  }
}

}  // namespace
}  // namespace corpus_clean

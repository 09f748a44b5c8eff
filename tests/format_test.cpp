// Body format detection.
#include "document/format.hpp"

#include <gtest/gtest.h>

namespace corpus_clean {
namespace {

TEST(DetectFormat, Table) {
  struct Row {
    std::string body;
    Format format;
  };
  const Row rows[] = {
      {"<div>\n<p cms-style=\"font-L\">text</p></div>", Format::html},
      {"<p>a</p>\n\n<http://x.com/a>\n\n[返回](//x.com/)", Format::html},
      {"<P>upper case</P>", Format::html},
      {"# 标题\n\n正文", Format::markdown},
      {"| a<br>b | c |\n|---|---|", Format::markdown},
      {"see [link](http://x)", Format::markdown},
      {"<http://stock.eastmoney.com/a.html>", Format::markdown},
      {"中俄总理第二十六次定期会晤联合公报（全文）\n\n2021-12-01 09:16\n", Format::text},
      {"#hashtag is not a heading\n3 < 4 and <b>bold</b> is inline", Format::text},
      {"a<br>b", Format::text},
      {"", Format::text},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(detect_format(row.body), row.format) << row.body;
  }
}

}  // namespace
}  // namespace corpus_clean

// Element selectors: parsing and matching.
#include "extract/selector.hpp"

#include <gtest/gtest.h>

#include <map>

namespace corpus_clean {
namespace {

class FakeElement final : public ElementView {
 public:
  FakeElement(std::string tag, std::map<std::string, std::string> attrs)
      : tag_(std::move(tag)), attrs_(std::move(attrs)) {}
  std::string_view tag() const override { return tag_; }
  const char* attribute(std::string_view name) const override {
    auto it = attrs_.find(std::string(name));
    return it == attrs_.end() ? nullptr : it->second.c_str();
  }

 private:
  std::string tag_;
  std::map<std::string, std::string> attrs_;
};

TEST(Selector, Matches) {
  const FakeElement qr("div", {{"class", "clearfix appendQr_wrap"}});
  const FakeElement editor("p", {{"class", "article-editor"}});
  const FakeElement stock("span", {{"id", "stock_sz000061"}});
  const FakeElement hidden("a", {{"hidden", ""}, {"class", "originUrl"}});
  struct Row {
    const char* selector;
    const ElementView& element;
    bool match;
  };
  const Row rows[] = {
      {"div.appendQr_wrap", qr, true},
      {".appendQr_wrap", qr, true},
      {"div.clearfix.appendQr_wrap", qr, true},
      {"p.appendQr_wrap", qr, false},
      {"div.appendQr", qr, false},
      {"p.article-editor", editor, true},
      {"P.article-editor", editor, true},
      {"#stock_sz000061", stock, true},
      {"span#stock_sz000061", stock, true},
      {"[id^=stock_]", stock, true},
      {"[id^=quote_]", stock, false},
      {"[id*=sz0000]", stock, true},
      {"[id='stock_sz000061']", stock, true},
      {"[hidden]", hidden, true},
      {"[hidden]", stock, false},
      {"a[hidden].originUrl", hidden, true},
      {"*", stock, true},
  };
  for (const Row& row : rows) {
    Result<Selector> s = parse_selector(row.selector);
    ASSERT_TRUE(s.ok()) << row.selector << ": " << s.error().detail;
    EXPECT_EQ(matches(*s, row.element), row.match) << row.selector;
  }
}

TEST(Selector, RejectsWhatItDoesNotSupport) {
  for (const char* bad : {"", "div p", "div > p", "div..x", "[x", "[x~=y]", ".", "#", "[='v']"}) {
    Result<Selector> s = parse_selector(bad);
    EXPECT_FALSE(s.ok()) << bad;
  }
}

}  // namespace
}  // namespace corpus_clean

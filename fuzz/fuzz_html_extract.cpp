// Fuzzes HTML extraction (the depth pre-scan, gumbo and the tree walk), with the default
// rules' drop selectors and a small depth limit so that flattening is exercised too.
#include <vector>

#include "extract/extract.hpp"
#include "extract/html_depth.hpp"
#include "fuzz_util.hpp"
#include "rules/rules.hpp"

namespace {

const std::vector<corpus_clean::Selector>& default_drop_selectors() {
  static const std::vector<corpus_clean::Selector> selectors = [] {
    std::vector<corpus_clean::Selector> all;
    auto book = corpus_clean::RuleBook::load(corpus_clean::default_rules_yaml(), "default");
    if (!book.ok())
      corpus_clean::fuzz::fail("the shipped rules do not load");
    for (const auto& site : book->sites())
      all.insert(all.end(), site->drop_elements().begin(), site->drop_elements().end());
    all.insert(all.end(), book->generic().drop_elements().begin(),
               book->generic().drop_elements().end());
    return all;
  }();
  return selectors;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corpus_clean;
  const std::string_view body = fuzz::as_text(data, size);
  ExtractOptions options;
  options.drop = &default_drop_selectors();
  options.max_html_depth = 256;
  (void)extract_html(body, options);
  options.max_html_depth = 4;
  (void)extract_html(body, options);
  (void)limit_html_depth(body, 2);
  return 0;
}

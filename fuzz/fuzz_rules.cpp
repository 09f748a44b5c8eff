// Fuzzes the rules engine twice over: the fuzzed bytes as a rules file (RuleBook::load must
// return a rule book or an Error), and as blocks (one per line) that the default rules apply to.
#include <string>
#include <vector>

#include "fuzz_util.hpp"
#include "rules/rules.hpp"

namespace {

const corpus_clean::RuleBook& default_rules() {
  static const corpus_clean::RuleBook book = [] {
    auto loaded = corpus_clean::RuleBook::load(corpus_clean::default_rules_yaml(), "default");
    if (!loaded.ok())
      corpus_clean::fuzz::fail("the shipped rules do not load");
    return std::move(loaded).value();
  }();
  return book;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corpus_clean;
  const std::string_view text = fuzz::as_text(data, size);
  (void)RuleBook::load(text, "fuzz.yaml");

  std::vector<Block> blocks;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    Block block;
    block.text = std::string(text.substr(start, end - start));
    // The first byte of a line picks the block's kind, so kind-limited rules are reached.
    if (!block.text.empty())
      block.kind = static_cast<BlockKind>(static_cast<unsigned char>(block.text[0]) % 6);
    blocks.push_back(std::move(block));
    start = end + 1;
  }
  const RuleBook& book = default_rules();
  for (const auto& site : book.sites()) {
    std::vector<Block> copy = blocks;
    Harvest harvest;
    std::vector<ExplainEntry> explain;
    apply_block_rules(*site, book.vocabulary(), copy, harvest, &explain);
  }
  Harvest harvest;
  apply_block_rules(book.generic(), book.vocabulary(), blocks, harvest, nullptr);
  return 0;
}

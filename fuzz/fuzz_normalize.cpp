// Fuzzes the punctuation normalizer on UTF-8 text (what decode hands on), checking the
// promise of normalize.hpp that a second pass changes nothing.
#include <string>

#include "corpus_clean/normalize.hpp"
#include "fuzz_util.hpp"
#include "input/decode.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corpus_clean;
  static const Normalizer normalizer{NormalizeOptions{}};
  static const Normalizer extras = [] {
    NormalizeOptions options;
    options.corner_quotes = true;
    options.cjk_spacing = true;
    return Normalizer(options);
  }();
  const std::string_view text = fuzz::as_text(data, size);
  if (!text::is_valid_utf8(text))
    return 0;
  NormalizeCounts counts;
  const std::string once = normalizer.normalize(text, &counts);
  if (!text::is_valid_utf8(once))
    fuzz::fail("normalize gave invalid UTF-8");
  if (normalizer.normalize(once) != once)
    fuzz::fail("normalize is not idempotent: a second pass changed the text");
  const std::string extra_once = extras.normalize(text);
  if (extras.normalize(extra_once) != extra_once)
    fuzz::fail("normalize with --corner-quotes --cjk-spacing is not idempotent");
  return 0;
}

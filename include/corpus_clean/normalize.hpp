// Chinese punctuation normalization (docs/DESIGN.md §5, rules N1–N16): one pass over UTF-8 that
// fixes the Chinese parts of a text and leaves English, numbers, URLs and emails alone.
//
//   corpus_clean::NormalizeOptions options;            // every rule on, extras off
//   corpus_clean::Normalizer normalizer(options);      // built once, at start-up
//   std::string out = normalizer.normalize("他说,好");  // "他说，好"
//
// Context decisions the table of docs/DESIGN.md §5 leaves open, as implemented:
//   - "CJK" is Han, kana, Hangul and CJK punctuation. Korean is written with spaces and ASCII
//     punctuation, so N4 and N5 do not fire after Hangul and N11 keeps a space between two
//     Hangul characters.
//   - N4 looks at the character right before and right after (no spaces in between).
//   - N5: a '.' becomes 。 when the line, a Han character (spaces between allowed) or a quote or
//     closing bracket follows, and the sentence before it holds more Han characters than
//     English words (runs of non-CJK text holding a Latin letter; a URL is one word).
//   - N6: "(1)", "(a)", "(iv)" touching Han are list markers and stay ASCII.
//   - N7: runs of two or more … are left as they are; ⋯⋯ becomes …… anywhere.
//   - N8: only a run of exactly two dashes is "doubled"; longer runs (rules, box drawing) stay.
//   - N11: a leading run of spaces is trimmed when it holds U+3000 or another non-ASCII space;
//     a run of plain ASCII spaces (code, Markdown) is kept.
//   - N12 also turns a U+3000 that is neither an indent nor between CJK into a space.
//   - N16 and every other rule leave URLs and emails (N15) untouched.
//   - A '\n' inside the text separates paragraphs: each line is normalized on its own.
// normalize(normalize(x)) == normalize(x) for every x (tested on random text).
//
// Counting: one change per character replaced or deleted, per run of spaces removed or
// trimmed, per converted run (… … → ……), per pair of ( ) or " " (N6), and per NFC edit (N16).
// The optional conversions (simplified, corner quotes, spacing) are not counted.
//
// Thread safety: a const Normalizer may be shared by any number of threads. With `simplified`,
// calls serialize on ICU's transliterator, which is several times slower than the rest.
#pragma once

#include <array>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "corpus_clean/error.hpp"

namespace corpus_clean {

// Rule ids N1..N16 are indices 1..16; index 0 is unused so that kRule[N] reads naturally.
inline constexpr int kNormalizeRuleCount = 16;

struct NormalizeCounts {
  std::array<std::uint64_t, kNormalizeRuleCount + 1> changes{};  // changes[N] for rule N

  NormalizeCounts& operator+=(const NormalizeCounts& other);
  std::uint64_t total() const;
};

struct NormalizeOptions {
  std::array<bool, kNormalizeRuleCount + 1> enabled = make_all_enabled();
  bool simplified = false;     // Traditional → Simplified, ICU's transliterator (slower)
  bool corner_quotes = false;  // 「」『』 → “”‘’
  bool cjk_spacing = false;    // a space between Han/kana/Hangul and ASCII letters/digits

  // False when the options would change nothing: every rule off and no optional conversion.
  bool any() const {
    for (int i = 1; i <= kNormalizeRuleCount; ++i) {
      if (enabled[static_cast<std::size_t>(i)])
        return true;
    }
    return simplified || corner_quotes || cjk_spacing;
  }

  static constexpr std::array<bool, kNormalizeRuleCount + 1> make_all_enabled() {
    std::array<bool, kNormalizeRuleCount + 1> all{};
    for (int i = 1; i <= kNormalizeRuleCount; ++i)
      all[static_cast<std::size_t>(i)] = true;
    return all;
  }
};

// Parses the argument of --no-normalize: "all", or ids such as "N4,N6" (case-insensitive).
// Disables those rules in `options`.
Result<NormalizeOptions> disable_rules(NormalizeOptions options, std::string_view list);

class Normalizer {
 public:
  // Builds the tables (once per process) and the converters the options need; an ICU failure
  // (missing data) is an Error, not an exception.
  static Result<Normalizer> create(const NormalizeOptions& options);
  // The same, throwing std::runtime_error when ICU fails.
  explicit Normalizer(const NormalizeOptions& options);
  ~Normalizer();
  Normalizer(Normalizer&&) noexcept;
  Normalizer& operator=(Normalizer&&) noexcept;
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Normalizes one paragraph (a line; a '\n' inside is kept as it is). Adds the number of
  // changes each rule made to `counts` when given.
  std::string normalize(std::string_view utf8, NormalizeCounts* counts = nullptr) const;

  const NormalizeOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The `--normalize` filter: every line of `in` normalized to `out`, line by line.
// Returns false when reading or writing failed.
bool normalize_stream(std::istream& in, std::ostream& out, const Normalizer& normalizer,
                      NormalizeCounts* counts = nullptr);

}  // namespace corpus_clean

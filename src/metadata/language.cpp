// Language from script and declaration (language.hpp).
#include "metadata/language.hpp"

#include <algorithm>

#include "text/chars.hpp"
#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

constexpr double kHanShare = 0.5;     // of all units: Chinese
constexpr double kKanaShare = 0.1;    // of the CJK letters: Japanese writes kana among its kanji
constexpr double kHangulShare = 0.5;  // of the CJK letters: Korean

// A longer text is told by samples: kSamples windows of kSampleBytes spread evenly over it, from
// the start to the end. Shares of scripts need a few thousand characters, not all of a long
// text, and counting them was 4 % of a post's instructions.
constexpr std::size_t kSamples = 8;
constexpr std::size_t kSampleBytes = 1024;

text::ScriptCounts sampled_script_counts(std::string_view text) {
  if (text.size() <= kSamples * kSampleBytes)
    return text::count_scripts(text);
  text::ScriptCounts total;
  const std::size_t stride = (text.size() - kSampleBytes) / (kSamples - 1);
  for (std::size_t k = 0; k < kSamples; ++k) {
    // Both ends moved back to the start of the code point they fall in.
    const std::size_t begin = text::prefix_bytes(text, k * stride).size();
    const std::size_t end = text::prefix_bytes(text, k * stride + kSampleBytes).size();
    const text::ScriptCounts counts = text::count_scripts(text.substr(begin, end - begin));
    total.han += counts.han;
    total.kana += counts.kana;
    total.hangul += counts.hangul;
    total.words += counts.words;
  }
  return total;
}

}  // namespace

std::optional<std::string> script_language(std::string_view text) {
  const auto [han, kana, hangul, words] = sampled_script_counts(text);
  const std::size_t cjk = han + kana + hangul;
  if (cjk == 0)
    return std::nullopt;
  if (static_cast<double>(hangul) >= kHangulShare * static_cast<double>(cjk))
    return "ko";
  if (static_cast<double>(kana) >= kKanaShare * static_cast<double>(cjk))
    return "ja";
  if (static_cast<double>(han) >= kHanShare * static_cast<double>(cjk + words))
    return "zh";
  return std::nullopt;
}

std::optional<std::string> detect_language(std::string_view text,
                                           const std::optional<std::string>& declared) {
  if (std::optional<std::string> script = script_language(text))
    return script;
  if (!declared)
    return std::nullopt;
  std::string primary = text::ascii_lower(text::trim(*declared));
  primary = primary.substr(0, primary.find_first_of("-_"));
  const bool letters_only =
      !primary.empty() && primary.size() <= 8 &&
      std::all_of(primary.begin(), primary.end(), [](char c) { return text::is_ascii_alpha(c); });
  if (!letters_only || primary == "zh" || primary == "ja" || primary == "ko")
    return std::nullopt;  // a CJK language the text is not written in, or not a language tag
  // ISO 639 codes that were withdrawn but pages still declare.
  if (primary == "in")
    return "id";
  if (primary == "iw")
    return "he";
  return primary;
}

}  // namespace corpus_clean

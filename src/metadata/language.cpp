// Language from script and declaration (language.hpp).
#include "metadata/language.hpp"

#include <unicode/uchar.h>

#include <algorithm>

#include "text/chars.hpp"
#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

constexpr double kHanShare = 0.5;     // of all units: Chinese
constexpr double kKanaShare = 0.1;    // of the CJK letters: Japanese writes kana among its kanji
constexpr double kHangulShare = 0.5;  // of the CJK letters: Korean

}  // namespace

std::optional<std::string> script_language(std::string_view text) {
  std::size_t han = 0, kana = 0, hangul = 0, words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = text::next_code_point(text, i);
    const text::CjkScript script = text::cjk_script(cp);
    han += script == text::CjkScript::han;
    kana += script == text::CjkScript::kana;
    hangul += script == text::CjkScript::hangul;
    const bool letter = script == text::CjkScript::none && u_isalnum(static_cast<UChar32>(cp));
    words += letter && !in_word;
    in_word = letter;
  }
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

// The language of a record: told by the script of its text where the script tells it (Chinese,
// Japanese, Korean), else what the page declares (<html lang>).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace corpus_clean {

// "zh" when Han characters are most of the text's units (a CJK character, or a word of other
// letters), "ja" when kana stand among them, "ko" for Hangul; nullopt when the script does not
// tell (Latin, Cyrillic, a mix). A text over 8 KB is told by eight samples of 1 KB spread
// evenly over it.
std::optional<std::string> script_language(std::string_view text);

// script_language(text), else the primary subtag of `declared` ("en-US" → "en") unless it names
// a CJK language the text is not written in; nullopt when neither tells.
std::optional<std::string> detect_language(std::string_view text,
                                           const std::optional<std::string>& declared);

}  // namespace corpus_clean

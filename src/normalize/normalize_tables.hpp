// The normalizer's start-up property table: one ICU code point trie that gives every code point
// a context class and the flags that send it off the copy fast path, plus the N14 ideograph maps.
#pragma once

#include <unicode/uchar.h>
#include <unicode/ucptrie.h>
#include <unicode/umachine.h>
#include <unicode/unorm2.h>
#include <unicode/utypes.h>

#include <array>
#include <cstdint>
#include <memory>

namespace corpus_clean::normalize_detail {

// Throws std::runtime_error when an ICU call of start-up failed: without its data the normalizer
// cannot work at all.
void check(UErrorCode status, const char* what);

// What a character is for the context tests of docs/DESIGN.md §5. A class never changes under
// normalization (a full-width letter is already kLatin, a Kangxi radical already kHan), so a
// test that looks right at the input sees what a second pass would see.
enum CharClass : std::uint8_t {
  kOther = 0,
  kHan,        // Han script, including compatibility ideographs and Kangxi radicals
  kKana,       // Hiragana, Katakana (half-width too), the prolonged sound mark
  kHangul,     //
  kPunct,      // CJK punctuation that no rule produces from ASCII: 、《》「」【】 …
  kPunctN,     // CJK punctuation some rule produces from ASCII: ，；：！？。（）
  kLatin,      // Latin letters, ASCII and full-width
  kDigit,      // ASCII and full-width digits
  kSpace,      // ASCII space, NBSP, U+2000–200A, U+202F, U+205F, U+3000
  kIgnorable,  // U+200B, U+2060, U+FEFF, U+00AD (N13)
  kInvalid,    // an ill-formed UTF-8 sequence
  kNone = 15,  // before the start or past the end of a line
};

inline constexpr std::uint8_t kClassMask = 0x0f;
inline constexpr std::uint8_t kSpecial = 0x10;  // some rule may change or remove it
inline constexpr std::uint8_t kCorner = 0x20;   // 「」『』, special only with corner quotes
inline constexpr std::uint8_t kNfc = 0x40;      // NFC_Quick_Check is not Yes, or ccc != 0

// The class of an ASCII character, which the walk finds without the table.
constexpr std::uint8_t ascii_class(unsigned b) {
  if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))
    return kLatin;
  if (b >= '0' && b <= '9')
    return kDigit;
  if (b == ' ')
    return kSpace;
  return kOther;
}

// Built once per process (the first Normalizer builds it) and read-only afterwards, so any
// number of threads may share it.
class CharTable {
 public:
  static const CharTable& instance();

  std::uint8_t get(UChar32 c) const { return UCPTRIE_FAST_GET(trie_.get(), UCPTRIE_8, c); }
  const UCPTrie* trie() const { return trie_.get(); }

  // The class alone, for any code point; kNone for -1 (no character).
  std::uint8_t class_of(UChar32 c) const {
    return c < 0      ? std::uint8_t{kNone}
           : c < 0x80 ? ascii_class(static_cast<unsigned>(c))
                      : static_cast<std::uint8_t>(get(c) & kClassMask);
  }

  // A mark NFC may compose with what precedes it (か + U+3099 → が): a non-zero combining
  // class, or an NFC quick check of Maybe. Not a singleton such as U+2126 OHM SIGN, which NFC
  // replaces (by U+03A9) but which composes with nothing.
  bool is_combining(UChar32 c) const {
    if (c < 0x300)
      return false;
    const std::uint8_t value = get(c);
    if (!(value & kNfc) || (value & kClassMask) != kOther)
      return false;
    return u_getCombiningClass(c) != 0 ||
           u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_MAYBE;
  }

  // N14: the unified ideograph for a Kangxi radical or a CJK compatibility ideograph, or 0.
  UChar32 ideograph_for(UChar32 c) const;

 private:
  CharTable();

  struct TrieDeleter {
    void operator()(UCPTrie* trie) const { ucptrie_close(trie); }
  };
  std::unique_ptr<UCPTrie, TrieDeleter> trie_;
  std::array<UChar32, 0x2FE0 - 0x2F00> kangxi_{};         // U+2F00..2FDF
  std::array<UChar32, 0xFB00 - 0xF900> compat_{};         // U+F900..FAFF
  std::array<UChar32, 0x2FA20 - 0x2F800> compat_supp_{};  // U+2F800..2FA1F
};

}  // namespace corpus_clean::normalize_detail

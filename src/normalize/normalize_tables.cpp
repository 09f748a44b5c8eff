// Builds the normalizer's start-up property table (normalize_tables.hpp) from ICU's character
// properties, once per process.
#include "normalize/normalize_tables.hpp"

#include <unicode/normalizer2.h>
#include <unicode/umutablecptrie.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <stdexcept>
#include <string>

#include "text/chars.hpp"

namespace corpus_clean::normalize_detail {

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU: ") + what + ": " + u_errorName(status));
  }
}

namespace {

struct MutableTrieDeleter {
  void operator()(UMutableCPTrie* trie) const { umutablecptrie_close(trie); }
};

UChar32 single_code_point(const icu::UnicodeString& s) {
  return s.countChar32() == 1 ? s.char32At(0) : 0;
}

}  // namespace

CharTable::CharTable() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UMutableCPTrie, MutableTrieDeleter> m(
      umutablecptrie_open(kOther, kInvalid | kSpecial, &status));
  check(status, "umutablecptrie_open");

  auto set_range = [&](UChar32 first, UChar32 last, std::uint8_t value) {
    umutablecptrie_setRange(m.get(), first, last, value, &status);
    check(status, "umutablecptrie_setRange");
  };
  auto set = [&](UChar32 c, std::uint8_t value) { set_range(c, c, value); };
  auto set_pattern = [&](const char16_t* pattern, std::uint8_t value) {
    icu::UnicodeSet s(icu::UnicodeString(pattern), status);
    check(status, "UnicodeSet");
    for (int32_t i = 0; i < s.getRangeCount(); ++i) {
      set_range(s.getRangeStart(i), s.getRangeEnd(i), value);
    }
  };

  // Classes by script and block; later lines win.
  set_pattern(u"[[:sc=Latn:]&[:L:]]", kLatin);
  // The CJK classes are the text layer's (text/chars.hpp), so that the normalizer and every
  // other stage agree on what is Han, kana, Hangul and CJK punctuation.
  set_pattern(text::kCjkPunctuationSet, kPunct);
  set_pattern(text::kHanSet, kHan);
  set_pattern(text::kKanaSet, kKana);
  set_pattern(text::kHangulSet, kHangul);
  for (UChar32 c : {0xFF0C, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF08, 0xFF09})
    set(c, kPunctN);

  // N11, N12: spaces.
  set(' ', kSpace);
  set(0x00A0, kSpace | kSpecial);
  set_range(0x2000, 0x200A, kSpace | kSpecial);
  set(0x202F, kSpace | kSpecial);
  set(0x205F, kSpace | kSpecial);
  set(0x3000, kSpace | kSpecial);
  // N13.
  for (UChar32 c : {0x200B, 0x2060, 0xFEFF, 0x00AD})
    set(c, kIgnorable | kSpecial);
  // N1: full-width letters and digits.
  set_range(0xFF10, 0xFF19, kDigit | kSpecial);
  set_range(0xFF21, 0xFF3A, kLatin | kSpecial);
  set_range(0xFF41, 0xFF5A, kLatin | kSpecial);
  // N2.
  set(0xFF0E, kPunct | kSpecial);
  set(0xFF05, kPunct | kSpecial);
  // N3 (and N7 for runs of full stops).
  for (UChar32 c : {0xFE50, 0xFE52, 0xFE54, 0xFE55, 0xFE56, 0xFE57, 0xFF61, 0x3002}) {
    set(c, kPunctN | kSpecial);
  }
  for (UChar32 c : {0xFE51, 0xFF64, 0xFF62, 0xFF63})
    set(c, kPunct | kSpecial);
  // N7.
  set(0x2026, kOther | kSpecial);
  set(0x22EF, kOther | kSpecial);
  // N8.
  set(0x2015, kOther | kSpecial);
  set(0x2500, kOther | kSpecial);
  set(0xFF0D, kOther | kSpecial);
  // N9.
  set(0x30FB, kPunct | kSpecial);
  set(0xFF65, kPunct | kSpecial);
  for (UChar32 c : {0x2027, 0x2022, 0x2219})
    set(c, kOther | kSpecial);
  // N10.
  set(0x301C, kPunct | kSpecial);
  // Corner quotes (an option).
  for (UChar32 c : {0x300C, 0x300D, 0x300E, 0x300F})
    set(c, kPunct | kCorner);

  // N14: Kangxi radicals through NFKC, compatibility ideographs through NFC. The twelve unified
  // ideographs of the FAxx block have no decomposition, so they stay as they are.
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  check(status, "Normalizer2");
  icu::UnicodeString decomposition;
  for (UChar32 c = 0x2F00; c < 0x2FE0; ++c) {
    if (nfkc->getDecomposition(c, decomposition)) {
      kangxi_[static_cast<std::size_t>(c - 0x2F00)] = single_code_point(decomposition);
      set(c, kHan | kSpecial);
    }
  }
  auto map_compat = [&](UChar32 first, UChar32 last, UChar32* table) {
    for (UChar32 c = first; c <= last; ++c) {
      if (nfc->getDecomposition(c, decomposition)) {
        table[c - first] = single_code_point(decomposition);
        set(c, kHan | kSpecial);
      }
    }
  };
  map_compat(0xF900, 0xFAFF, compat_.data());
  map_compat(0x2F800, 0x2FA1F, compat_supp_.data());

  // N16: characters that may make a line not NFC.
  icu::UnicodeSet maybe_not_nfc(icu::UnicodeString(u"[[:^NFC_QC=Y:][:^ccc=0:]]"), status);
  check(status, "UnicodeSet");
  for (int32_t i = 0; i < maybe_not_nfc.getRangeCount(); ++i) {
    for (UChar32 c = maybe_not_nfc.getRangeStart(i); c <= maybe_not_nfc.getRangeEnd(i); ++c) {
      umutablecptrie_set(m.get(), c, umutablecptrie_get(m.get(), c) | kNfc, &status);
    }
  }
  check(status, "umutablecptrie_set");

  trie_.reset(
      umutablecptrie_buildImmutable(m.get(), UCPTRIE_TYPE_FAST, UCPTRIE_VALUE_BITS_8, &status));
  check(status, "umutablecptrie_buildImmutable");
}

const CharTable& CharTable::instance() {
  static const CharTable table;
  return table;
}

UChar32 CharTable::ideograph_for(UChar32 c) const {
  if (c >= 0x2F00 && c < 0x2FE0)
    return kangxi_[static_cast<std::size_t>(c - 0x2F00)];
  if (c >= 0xF900 && c < 0xFB00)
    return compat_[static_cast<std::size_t>(c - 0xF900)];
  if (c >= 0x2F800 && c < 0x2FA20)
    return compat_supp_[static_cast<std::size_t>(c - 0x2F800)];
  return 0;
}

}  // namespace corpus_clean::normalize_detail

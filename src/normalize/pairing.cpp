// Pairs the ASCII brackets and quotes of a line and decides which N6 converts (pairing.hpp).
#include "normalize/pairing.hpp"

#include <unicode/ucptrie.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>

#include "normalize/url_spans.hpp"

namespace corpus_clean::normalize_detail {
namespace {

using Open = PairScratch::Open;

bool is_mark(std::uint8_t b) {
  return b == '(' || b == ')' || b == '"' || b == '<' || b == '>';
}

// What may start a URL or e-mail address, which N15 keeps as it is, marks and all.
bool is_url_trigger(std::uint8_t b) {
  return b == ':' || b == '.' || b == '@';
}

// ASCII that N4-N8 make full-width and what it becomes; spaces that N4, N11 and N12 remove or
// change; what N13 deletes. A title test looks past them.
bool is_changed_by_rules(UChar32 c) {
  static constexpr char32_t kChanged[] = {
      ',',    ';',    ':',    '!',    '?',    '.',    '-',    '(',    ')',
      '"',    '<',    '>',    ' ',    '\t',   0xFF0C, 0xFF1B, 0xFF1A, 0xFF01,
      0xFF1F, 0x3002, 0x2014, 0x2026, 0xFF08, 0xFF09, 0x201C, 0x201D, 0x3008,
      0x3009, 0x3000, 0x00A0, 0x202F, 0x205F, 0x200B, 0x2060, 0xFEFF, 0x00AD};
  return (c >= 0x2002 && c <= 0x200A) || std::find(std::begin(kChanged), std::end(kChanged),
                                                   static_cast<char32_t>(c)) != std::end(kChanged);
}

// Angle brackets are a title mark only around non-ASCII text right inside both marks: `a<b>c`,
// `<br/>` and `3 < 4 且 5 > 2` stay. ASCII punctuation that other rules may turn full-width
// (`<码-->`, `<堁?>`, `<爆">`, `<<中>>`) is looked past, so that the decision is the same before
// and after they have run, and a second pass agrees with the first.
bool is_title(const Line& line, std::size_t open, std::size_t close) {
  const auto inner_end = static_cast<int32_t>(close);
  auto first = static_cast<int32_t>(open + 1);
  UChar32 first_char = -1;
  while (first < inner_end) {
    int32_t next = first;
    U8_NEXT(line.begin(), next, inner_end, first_char);
    if (!is_changed_by_rules(first_char))
      break;
    first = next;
    first_char = -1;
  }
  int32_t last = inner_end;
  UChar32 last_char = -1;
  while (last > first) {
    int32_t prev = last;
    last_char = prev_code_point(line.begin(), prev);
    if (!is_changed_by_rules(last_char))
      break;
    last = prev;
    last_char = -1;
  }
  return first < last && first_char >= 0x80 && last_char >= 0x80;
}

// Whether the character before byte `pos`, past what N13 deletes, is Han.
bool han_touches_left(const Line& line, std::size_t pos) {
  auto i = static_cast<int32_t>(pos);
  while (i > 0) {
    const UChar32 c = prev_code_point(line.begin(), i);
    const std::uint8_t cls = line.table().class_of(c);
    if (cls == kIgnorable && line.on(13))
      continue;
    return cls == kHan;
  }
  return false;
}

// (1) (a) (iv) before Chinese text are list markers, not parentheses of the sentence: what lies
// in [p, q) is up to three digits, a letter, or a Roman numeral of up to four letters.
bool is_list_marker(const std::uint8_t* p, const std::uint8_t* q) {
  const auto n = q - p;
  if (n < 1 || n > 4)
    return false;
  bool digits = true;
  bool roman = true;
  for (const std::uint8_t* s = p; s < q; ++s) {
    digits &= *s >= '0' && *s <= '9';
    roman &= std::strchr("ivxIVX", *s) != nullptr && *s != 0;
  }
  return (digits && n <= 3) || roman || (n == 1 && is_ascii_letter(*p));
}

void decide(const Line& line, std::vector<PairMark>& marks, Open open, Open close) {
  PairMark& o = marks[open.mark];
  PairMark& c = marks[close.mark];
  const bool holds_han = close.han_before > open.han_before;
  bool convert;
  if (o.ch == '<') {
    convert = holds_han && is_title(line, o.pos, c.pos);
  } else if (holds_han) {
    convert = true;
  } else {
    const bool touches =
        han_touches_left(line, o.pos) || line.peek(line.begin() + c.pos + 1).cls() == kHan;
    convert =
        touches && !(o.ch == '(' && is_list_marker(line.begin() + o.pos + 1, line.begin() + c.pos));
  }
  o.convert = c.convert = convert;
  o.opening = true;
}

}  // namespace

void pair_marks(const Line& line, std::size_t from, std::vector<PairMark>& marks,
                PairScratch& scratch) {
  marks.clear();
  if (!line.on(6))
    return;
  scratch.parens.clear();
  scratch.angles.clear();
  constexpr std::size_t kNoMark = SIZE_MAX;
  Open open_quote{kNoMark, 0};
  std::uint32_t han = 0;
  const UCPTrie* trie = line.table().trie();
  const std::uint8_t* const end = line.end();
  for (const std::uint8_t* q = line.begin() + from; q < end;) {
    const std::uint8_t b = *q;
    if (b >= 0x80) {
      std::uint8_t value;
      UCPTRIE_FAST_U8_NEXT(trie, UCPTRIE_8, q, end, value);
      han += (value & kClassMask) == kHan;
      continue;
    }
    if (is_url_trigger(b) && line.on(15)) {
      if (const std::optional<UrlSpan> span = url_span_at(line, line.offset(q))) {
        q = line.begin() + span->end;
        continue;
      }
    }
    if (is_mark(b)) {
      const Open here{marks.size(), han};
      marks.push_back({line.offset(q), static_cast<char>(b), false, false});
      // Each kind pairs on its own stack: whether one kind is converted never changes how the
      // other pairs, so a second pass pairs as the first did.
      std::vector<Open>& opened = (b == '(' || b == ')') ? scratch.parens : scratch.angles;
      if (b == '(' || b == '<') {
        opened.push_back(here);
      } else if (b == ')' || b == '>') {
        if (!opened.empty()) {
          decide(line, marks, opened.back(), here);
          opened.pop_back();
        }
      } else if (open_quote.mark == kNoMark) {
        open_quote = here;
      } else {
        decide(line, marks, open_quote, here);
        open_quote.mark = kNoMark;
      }
    }
    ++q;
  }
}

}  // namespace corpus_clean::normalize_detail

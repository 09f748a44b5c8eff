// The punctuation normalizer of docs/DESIGN.md §5: rules N1–N16 in one walk over UTF-8.
//
// The walk writes the output in one pass. Two analyses it consults have files of their own, as
// functions of the line alone: where the URLs and e-mail addresses are that N15 keeps
// (url_spans.hpp) and which brackets and quotes N6 converts (pairing.hpp).
//
// Speed: runs of characters that no rule can touch (Han, CJK punctuation, most ASCII) are found
// with one trie lookup per character and appended in one piece; only the few characters a rule
// may change go through a handler. A line that is all ASCII skips the walk altogether. NFC runs
// only on a line that holds a character whose NFC quick check is not Yes.
//
// Idempotence: every context test looks left at the output already written and right at the
// input through a CharClass that normalization never changes (see normalize_tables.hpp). Where
// a rule turns ASCII into CJK punctuation (，。（）), the right-hand test treats both forms alike,
// so that a second pass decides exactly what the first one did.
#include "corpus_clean/normalize.hpp"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/ucptrie.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <istream>
#include <mutex>
#include <optional>
#include <ostream>
#include <utility>
#include <vector>

#include "normalize/line.hpp"
#include "normalize/normalize_tables.hpp"
#include "normalize/pairing.hpp"
#include "normalize/url_spans.hpp"

namespace corpus_clean {

using normalize_detail::CharTable;
namespace nd = normalize_detail;

// ---------------------------------------------------------------------------------------------
// Counts and options.

NormalizeCounts& NormalizeCounts::operator+=(const NormalizeCounts& other) {
  for (std::size_t i = 0; i < changes.size(); ++i)
    changes[i] += other.changes[i];
  return *this;
}

std::uint64_t NormalizeCounts::total() const {
  std::uint64_t sum = 0;
  for (std::uint64_t c : changes)
    sum += c;
  return sum;
}

namespace {

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i])
      return false;
  }
  return true;
}

// "N4" → 4; 0 when the id is not N1..N16.
int parse_rule_id(std::string_view id) {
  if (id.size() < 2 || id.size() > 3 || (id[0] != 'N' && id[0] != 'n'))
    return 0;
  int n = 0;
  for (char c : id.substr(1)) {
    if (c < '0' || c > '9')
      return 0;
    n = n * 10 + (c - '0');
  }
  if (id[1] == '0')
    return 0;
  return n >= 1 && n <= kNormalizeRuleCount ? n : 0;
}

}  // namespace

Result<NormalizeOptions> disable_rules(NormalizeOptions options, std::string_view list) {
  std::size_t start = 0;
  while (true) {
    std::size_t comma = list.find(',', start);
    std::string_view item =
        trim_ascii(list.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (equals_ignoring_case(item, "all")) {
      for (int i = 1; i <= kNormalizeRuleCount; ++i) {
        options.enabled[static_cast<std::size_t>(i)] = false;
      }
    } else if (int id = parse_rule_id(item); id != 0) {
      options.enabled[static_cast<std::size_t>(id)] = false;
    } else {
      return make_error(
          ErrorCode::invalid_option, Stage::normalize,
          "unknown normalization rule '" + std::string(item) + "' (expected N1..N16 or 'all')");
    }
    if (comma == std::string_view::npos)
      break;
    start = comma + 1;
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// The walk.

namespace {

// Everything a walk reads: the options and what was built from them at start-up.
struct NormalizerConfig {
  explicit NormalizerConfig(const NormalizeOptions& opts);

  bool on(int rule) const { return options.enabled[static_cast<std::size_t>(rule)]; }

  NormalizeOptions options;
  const CharTable& table;
  const icu::Normalizer2* nfc = nullptr;
  std::uint8_t special_mask = nd::kSpecial;
  // ASCII bytes the copy loop may pass over; the rest go to a handler.
  std::array<bool, 128> ascii_plain{};
  // ICU's rule-based transliterators take a process-wide lock anyway; this one makes sharing
  // the instance between threads safe.
  std::unique_ptr<icu::Transliterator> to_simplified;
  mutable std::mutex to_simplified_mutex;
};

NormalizerConfig::NormalizerConfig(const NormalizeOptions& opts)
    : options(opts), table(CharTable::instance()) {
  UErrorCode status = U_ZERO_ERROR;
  nfc = icu::Normalizer2::getNFCInstance(status);
  nd::check(status, "Normalizer2::getNFCInstance");
  if (options.corner_quotes)
    special_mask |= nd::kCorner;
  if (on(16))
    special_mask |= nd::kNfc;
  for (int b = 0; b < 128; ++b) {
    bool alnum = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    ascii_plain[static_cast<std::size_t>(b)] =
        std::strchr(" ,;:!?.()\"-@<>", b) == nullptr && b != 0 && !(alnum && options.cjk_spacing);
  }
  if (options.simplified) {
    to_simplified.reset(
        icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
    nd::check(status, "Transliterator Traditional-Simplified");
  }
}

using nd::ascii_class;
using nd::Char;
using nd::is_ascii_alnum;
using nd::PairMark;
using nd::prev_code_point;
using nd::Span;

// CJK for context: Han, kana, Hangul and CJK punctuation.
bool is_cjk(std::uint8_t cls) {
  return cls >= nd::kHan && cls <= nd::kPunctN;
}
// Without the punctuation ASCII may turn into: what lies right of N7 and N8.
bool is_cjk_stable(std::uint8_t cls) {
  return cls >= nd::kHan && cls <= nd::kPunct;
}
// What N4 and N5 follow: Korean is written with ASCII punctuation, so not Hangul.
bool is_n4_left(std::uint8_t cls) {
  return cls == nd::kHan || cls == nd::kKana || cls == nd::kPunct || cls == nd::kPunctN;
}
bool is_cjk_letter(std::uint8_t cls) {
  return cls >= nd::kHan && cls <= nd::kHangul;
}

bool is_box_drawing(UChar32 c) {
  return c >= 0x2500 && c <= 0x257F;
}

// Quotes (all: corner quotes may become curly ones) and closing brackets after which a '.' may end
// a Chinese sentence (N5).
bool is_closer(UChar32 c) {
  switch (c) {
    case ')':
    case '>':  // N6 may make it 〉: decided the same either way, so a second pass agrees
    case '"':
    case '\'':
    case 0x201C:
    case 0x201D:
    case 0x2018:
    case 0x2019:
    case 0xFF09:
    case 0xFF62:  // ｢ and ｣ become 「」 (N3): the same for N5 before and after
    case 0xFF63:
    case 0x300C:
    case 0x300D:
    case 0x300E:
    case 0x300F:
    case 0x300B:
    case 0x3009:
    case 0x3011:
    case 0x3015:
      return true;
    default:
      return false;
  }
}

// Where the sentence N5 looks back on begins.
bool is_sentence_start(UChar32 c) {
  switch (c) {
    case 0xFF61:  // the small and half-width forms N3 maps to 。！？；「, as they will be
    case 0xFE52:
    case 0xFE57:
    case 0xFE56:
    case 0xFE54:
    case 0xFF62:
    case 0x3002:
    case 0xFF01:
    case 0xFF1F:
    case '!':
    case '?':
    case 0xFF1B:
    case ';':
    case 0x201C:
    case 0x300C:
    case 0x300E:
    case 0xFF08:
    case '(':
    case 0x3010:
    case 0x300A:
    case '"':
      return true;
    default:
      return false;
  }
}

void append_utf8(std::string& out, UChar32 c) {
  const auto u = static_cast<std::uint32_t>(c);
  if (u < 0x80) {
    out.push_back(static_cast<char>(u));
  } else if (u < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (u >> 6)));
    out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  } else if (u < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (u >> 12)));
    out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (u >> 18)));
    out.push_back(static_cast<char>(0x80 | ((u >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  }
}

bool all_ascii(std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    if (word & 0x8080808080808080ULL)
      return false;
    p += 8;
  }
  for (; p < end; ++p) {
    if (static_cast<unsigned char>(*p) & 0x80)
      return false;
  }
  return true;
}

// N16 over `text`, the spans in `keep` (URLs, offsets into `text`) left as they are: the number
// of changes, with the result in `normalized`, or 0 when `text` was NFC already (then
// `normalized` is not touched).
std::uint64_t compose_outside(const icu::Normalizer2& nfc, std::string_view text,
                              const std::vector<Span>& keep, std::string& normalized) {
  std::uint64_t changes = 0;
  std::string result;
  auto normalize_piece = [&](std::size_t from, std::size_t to) {
    UErrorCode status = U_ZERO_ERROR;
    icu::StringPiece piece(text.data() + from, static_cast<int32_t>(to - from));
    if (nfc.isNormalizedUTF8(piece, status) || U_FAILURE(status)) {
      result.append(piece.data(), static_cast<std::size_t>(piece.size()));
      return;
    }
    icu::StringByteSink<std::string> sink(&result);
    icu::Edits edits;
    nfc.normalizeUTF8(0, piece, sink, &edits, status);
    changes += static_cast<std::uint64_t>(edits.numberOfChanges());
  };
  std::size_t from = 0;
  for (const Span& span : keep) {
    normalize_piece(from, span.begin);
    result.append(text, span.begin, span.end - span.begin);
    from = span.end;
  }
  normalize_piece(from, text.size());
  if (changes != 0)
    normalized = std::move(result);
  return changes;
}

// The output pass over one line at a time: copies what no rule touches, hands the rest to the
// rule that may change it, and asks the analyses (N6's pairs, N15's spans) for their decisions
// when it first needs them on a line. One walker serves a whole text, so that its buffers are
// reused from line to line.
class LineWalker {
 public:
  LineWalker(const NormalizerConfig& impl, std::string& out, NormalizeCounts& counts)
      : impl_(impl), table_(impl.table), out_(out), counts_(counts) {}

  void run(std::string_view line);

 private:
  void walk(std::string_view line);
  void walk_composed(std::string_view line, const NormalizeCounts& before);
  bool on(int rule) const { return impl_.on(rule); }
  void count(int rule, std::uint64_t n = 1) {
    counts_.changes[static_cast<std::size_t>(rule)] += n;
  }

  // The walker's own copies of Line::decode() and Line::peek(), the hottest calls of its
  // handlers: GCC inlines these there, as it did before the analyses moved out, but calls Line's
  // out of line, which the clean-text bench measures some 3% slower.
  Char decode(const std::uint8_t* p) const {
    const std::uint8_t* end = line_.end();
    if (p >= end)
      return {-1, nd::kNone, end};
    if (*p < 0x80)
      return {*p, ascii_class(*p), p + 1};
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(p, i, static_cast<int32_t>(end - p), c);
    if (c < 0)
      return {-1, nd::kInvalid | nd::kSpecial, p + i};
    return {c, table_.get(c), p + i};
  }
  Char peek(const std::uint8_t* p) const {  // past what N13 deletes
    Char ch = decode(p);
    while (ch.cls() == nd::kIgnorable && on(13))
      ch = decode(ch.next);
    return ch;
  }
  Char last_out() const;  // the last character written on this line

  std::uint8_t class_of(UChar32 c) const { return table_.class_of(c); }

  void emit(UChar32 c) { append_utf8(out_, c); }
  void emit_raw(const std::uint8_t* p, const std::uint8_t* q) {
    out_.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(q - p));
  }
  void emit_spaced(UChar32 c, std::uint8_t cls);  // with the optional CJK–Latin space
  void append_run(const std::uint8_t* p, const std::uint8_t* q, std::uint8_t first_value);

  // A run of characters that satisfy `member`, N13 characters between them included (a second
  // pass, without them, must see the same run).
  struct Run {
    int length;
    const std::uint8_t* end;
  };
  template <class Member>
  Run run_of(const std::uint8_t* p, Member member) const {
    Run run{0, p};
    for (const std::uint8_t* q = p;;) {
      Char ch = decode(q);
      if (member(ch.c)) {
        ++run.length;
        run.end = q = ch.next;
      } else if (run.length > 0 && ch.cls() == nd::kIgnorable && on(13) &&
                 member(peek(ch.next).c)) {
        q = ch.next;
      } else {
        return run;
      }
    }
  }
  void emit_visible(const std::uint8_t* p, const std::uint8_t* q);     // raw, without N13 chars
  void drop_ignorables(const std::uint8_t* p, const std::uint8_t* q);  // counts them only

  const std::uint8_t* special(const std::uint8_t* p);
  const std::uint8_t* ascii_special(const std::uint8_t* p);
  const std::uint8_t* option_or_nfc(const std::uint8_t* p, const Char& ch);
  const std::uint8_t* number_sign(const Char& ch);
  const std::uint8_t* small_form(const Char& ch);
  const std::uint8_t* middle_dot(const Char& ch);
  const std::uint8_t* letter_or_ideograph(const Char& ch);
  const std::uint8_t* spaces(const std::uint8_t* p);
  const std::uint8_t* western_punct(const std::uint8_t* p);
  const std::uint8_t* dots(const std::uint8_t* p);
  const std::uint8_t* pair(const std::uint8_t* p);
  const std::uint8_t* dashes(const std::uint8_t* p, UChar32 c);
  const std::uint8_t* ellipsis(const std::uint8_t* p, UChar32 c);
  const std::uint8_t* full_stops(const std::uint8_t* p);
  const std::uint8_t* alnum_run(const std::uint8_t* p);
  const std::uint8_t* url(const std::uint8_t* trigger, const std::uint8_t* end);

  bool cjk_around(const std::uint8_t* after);
  bool ends_chinese_sentence(const std::uint8_t* after) const;
  bool chinese_sentence_before() const;
  std::uint8_t class_right_of_space(const std::uint8_t* q, std::uint8_t left);

  // N6's decisions, made once per line, at the first mark the walk looks at.
  void ensure_pairs(const std::uint8_t* from);
  const PairMark* mark_at(const std::uint8_t* p);
  // The class the character `ch` at `at` will have in the output: an ASCII ( ) " < > that
  // N6 converts counts as CJK punctuation, so that rules looking ahead at it decide as a
  // second pass, which sees the converted mark, will.
  std::uint8_t class_ahead(const Char& ch);

  void finish_line();
  void trim_trailing_spaces();
  void compose_output();

  const NormalizerConfig& impl_;
  const CharTable& table_;
  std::string& out_;
  NormalizeCounts& counts_;
  std::vector<PairMark> marks_;  // N6's decisions on this line, once made
  nd::PairScratch pair_scratch_;
  std::vector<Span> urls_;        // the URLs N15 copied, in out_ from line_start_
  std::vector<Span> input_urls_;  // the same, in the line walked
  std::string composed_;          // the input line through N16, when it was not NFC

  nd::Line line_;               // the line walked
  std::size_t line_start_ = 0;  // where this line starts in out_
  bool pairs_done_ = false;
  std::size_t mark_cursor_ = 0;
  bool needs_nfc_ = false;
};

Char LineWalker::last_out() const {
  if (out_.size() == line_start_)
    return {-1, nd::kNone, nullptr};
  const auto* s = reinterpret_cast<const std::uint8_t*>(out_.data() + line_start_);
  auto i = static_cast<int32_t>(out_.size() - line_start_);
  UChar32 c = s[i - 1];
  if (c < 0x80) {
    --i;
  } else if (i >= 3 && (s[i - 3] & 0xF0) == 0xE0 && (s[i - 2] & 0xC0) == 0x80) {
    // Three bytes, as almost everything here is: decode without a call.
    c = ((s[i - 3] & 0x0F) << 12) | ((s[i - 2] & 0x3F) << 6) | (s[i - 1] & 0x3F);
    i -= 3;
  } else {
    c = prev_code_point(s, i);
  }
  // A combining mark stands for its base: NFC may compose the two (か + U+3099 → が).
  while (i > 0 && table_.is_combining(c)) {
    UChar32 base;
    int32_t j = i;
    base = prev_code_point(s, j);
    if (base < 0)
      break;
    c = base;
    i = j;
  }
  return {c, c < 0 ? std::uint8_t{nd::kOther} : class_of(c), nullptr};
}

void LineWalker::emit_spaced(UChar32 c, std::uint8_t cls) {
  if (impl_.options.cjk_spacing) {
    Char left = last_out();
    bool latin = c < 0x80 && is_ascii_alnum(c);
    if ((is_cjk_letter(cls) && left.c >= 0 && left.c < 0x80 && is_ascii_alnum(left.c)) ||
        (latin && is_cjk_letter(left.cls()))) {
      out_.push_back(' ');
    }
  }
  emit(c);
}

void LineWalker::append_run(const std::uint8_t* p, const std::uint8_t* q,
                            std::uint8_t first_value) {
  if (impl_.options.cjk_spacing && is_cjk_letter(first_value & nd::kClassMask) &&
      out_.size() > line_start_) {
    unsigned char last = static_cast<unsigned char>(out_.back());
    if (last < 0x80 && is_ascii_alnum(last))
      out_.push_back(' ');
  }
  emit_raw(p, q);
}

void LineWalker::run(std::string_view line) {
  line_start_ = out_.size();
  NormalizeCounts before;
  if (on(16))
    before = counts_;
  walk(line);
  if (needs_nfc_ && on(16))
    walk_composed(line, before);
  finish_line();
}

// A line that is not NFC is walked again once N16 has composed it (URLs apart), so that the
// rules judge the text a second pass will see: NFC may change how many characters a line holds
// (a Tibetan letter excluded from composition decomposes into two). The first walk's output and
// counts are dropped; `before` holds the counts from before it.
void LineWalker::walk_composed(std::string_view line, const NormalizeCounts& before) {
  const std::uint64_t changes = compose_outside(*impl_.nfc, line, input_urls_, composed_);
  if (changes == 0)
    return;
  counts_ = before;
  out_.resize(line_start_);
  walk(composed_);
  count(16, changes);
}

void LineWalker::walk(std::string_view line) {
  line_ = nd::Line(line, table_, impl_.options.enabled);
  pairs_done_ = false;
  mark_cursor_ = 0;
  needs_nfc_ = false;
  marks_.clear();
  urls_.clear();
  input_urls_.clear();

  const UCPTrie* trie = table_.trie();
  const std::uint8_t mask = impl_.special_mask;
  const std::uint8_t* p = line_.begin();
  const std::uint8_t* const end = line_.end();
  while (p < end) {
    // The fast path: copy what no rule touches.
    const std::uint8_t* run = p;
    std::uint8_t first_value = 0;
    while (p < end) {
      std::uint8_t b = *p;
      if (b < 0x80) {
        // A space right after copied ASCII has no CJK on its left, so no rule removes it.
        if (impl_.ascii_plain[b] || (b == ' ' && p != run && p[-1] < 0x80)) {
          ++p;
          continue;
        }
        break;
      }
      const std::uint8_t* q = p;
      std::uint8_t value;
      UCPTRIE_FAST_U8_NEXT(trie, UCPTRIE_8, q, end, value);
      if (value & mask)
        break;
      if (p == run)
        first_value = value;
      p = q;
    }
    if (p != run)
      append_run(run, p, first_value);
    if (p < end)
      p = special(p);
  }
}

// The character at `p`, where the copy loop stopped: handed to the rule that may change it, or
// copied.
const std::uint8_t* LineWalker::special(const std::uint8_t* p) {
  if (*p < 0x80)
    return ascii_special(p);
  const Char ch = decode(p);
  const UChar32 c = ch.c;
  switch (ch.cls()) {
    case nd::kSpace:
      return spaces(p);
    case nd::kIgnorable:
      if (on(13)) {
        count(13);
      } else {
        emit_raw(p, ch.next);
      }
      return ch.next;
    case nd::kInvalid:
      emit_raw(p, ch.next);
      return ch.next;
    default:
      break;
  }
  if (!(ch.value & nd::kSpecial))
    return option_or_nfc(p, ch);
  const std::uint8_t* next = nullptr;
  switch (c) {
    case 0xFF0E:
    case 0xFF05:
      next = number_sign(ch);
      break;
    case 0xFE50:
    case 0xFE51:
    case 0xFE54:
    case 0xFE55:
    case 0xFE56:
    case 0xFE57:
    case 0xFF64:
    case 0xFF62:
    case 0xFF63:
      if (on(3))
        next = small_form(ch);
      break;
    case 0x3002:
    case 0xFE52:
    case 0xFF61:
      return full_stops(p);
    case 0x2026:
    case 0x22EF:
      return ellipsis(p, c);
    case 0x2015:
    case 0x2500:
    case 0xFF0D:
      return dashes(p, c);
    case 0x30FB:
    case 0xFF65:
    case 0x2027:
    case 0x2022:
    case 0x2219:
      next = middle_dot(ch);
      break;
    case 0x301C:  // N10
      if (on(10)) {
        out_.append("\uFF5E");
        count(10);
        next = ch.next;
      }
      break;
    default:
      next = letter_or_ideograph(ch);
      break;
  }
  if (next != nullptr)
    return next;
  emit_raw(p, ch.next);
  if (ch.value & nd::kNfc)
    needs_nfc_ = true;
  return ch.next;
}

// A character special only for an option (corner quotes) or for NFC.
const std::uint8_t* LineWalker::option_or_nfc(const std::uint8_t* p, const Char& ch) {
  const UChar32 c = ch.c;
  if ((ch.value & nd::kCorner) && impl_.options.corner_quotes) {
    emit(c == 0x300C ? 0x201C : c == 0x300D ? 0x201D : c == 0x300E ? 0x2018 : 0x2019);
  } else {
    emit_raw(p, ch.next);
    if (ch.value & nd::kNfc)
      needs_nfc_ = true;
  }
  return ch.next;
}

// N2: ．between digits, ％ after a digit. Null when the rule does not apply.
const std::uint8_t* LineWalker::number_sign(const Char& ch) {
  if (!on(2) || last_out().cls() != nd::kDigit)
    return nullptr;
  if (ch.c == 0xFF0E) {
    if (peek(ch.next).cls() != nd::kDigit)
      return nullptr;
    out_.push_back('.');
  } else {
    out_.push_back('%');
  }
  count(2);
  return ch.next;
}

// N3: a small or half-width form as the CJK punctuation it stands for.
const std::uint8_t* LineWalker::small_form(const Char& ch) {
  static constexpr std::pair<UChar32, UChar32> kForms[] = {
      {0xFE50, 0xFF0C}, {0xFE51, 0x3001}, {0xFE54, 0xFF1B}, {0xFE55, 0xFF1A}, {0xFE56, 0xFF1F},
      {0xFE57, 0xFF01}, {0xFF64, 0x3001}, {0xFF62, 0x300C}, {0xFF63, 0x300D}};
  UChar32 to = 0;
  for (auto [from, form] : kForms) {
    if (from == ch.c)
      to = form;
  }
  if (impl_.options.corner_quotes && (to == 0x300C || to == 0x300D)) {
    to = to == 0x300C ? 0x201C : 0x201D;
  }
  emit(to);
  count(3);
  return ch.next;
}

// N9: a middle dot between Han characters as U+00B7. Null when the rule does not apply.
const std::uint8_t* LineWalker::middle_dot(const Char& ch) {
  if (!on(9) || last_out().cls() != nd::kHan)
    return nullptr;
  // Spaces after the CJK dots ・･ would go with N11, so look past them (and drop them).
  const bool cjk_dot = ch.cls() == nd::kPunct;
  const std::uint8_t* q = ch.next;
  Char right = peek(q);
  while (cjk_dot && on(11) && right.cls() == nd::kSpace) {
    q = right.next;
    right = peek(q);
  }
  if (right.cls() != nd::kHan)
    return nullptr;
  drop_ignorables(ch.next, q);
  out_.append("\u00B7");
  count(9);
  return q;
}

// N1 on a full-width letter or digit, N14 on a Kangxi radical or compatibility ideograph. Null
// for any other character, and for a full-width letter or digit with N1 off.
const std::uint8_t* LineWalker::letter_or_ideograph(const Char& ch) {
  const UChar32 c = ch.c;
  if (ch.cls() == nd::kLatin || ch.cls() == nd::kDigit) {
    if (!on(1))
      return nullptr;
    emit_spaced(c - 0xFEE0, ascii_class(static_cast<unsigned>(c - 0xFEE0)));
    count(1);
    return ch.next;
  }
  if (ch.cls() != nd::kHan)
    return nullptr;
  const UChar32 to = table_.ideograph_for(c);
  if (on(14) && to != 0) {
    emit_spaced(to, nd::kHan);
    count(14);
    return ch.next;
  }
  if (ch.value & nd::kNfc)
    needs_nfc_ = true;
  emit_spaced(c, nd::kHan);
  return ch.next;
}

const std::uint8_t* LineWalker::ascii_special(const std::uint8_t* p) {
  const std::uint8_t b = *p;
  switch (b) {
    case ' ':
      return spaces(p);
    case ':':
    case '.':
    case '@':
      if (on(15)) {
        if (const std::optional<nd::UrlSpan> span = nd::url_span_at(line_, line_.offset(p)))
          return url(p, line_.begin() + span->end);
      }
      if (b == '.')
        return dots(p);
      if (b == ':')
        return western_punct(p);
      out_.push_back('@');
      return p + 1;
    case ',':
    case ';':
    case '!':
    case '?':
      return western_punct(p);
    case '(':
    case ')':
    case '"':
    case '<':
    case '>':
      return pair(p);
    case '-':
      return dashes(p, '-');
    default:
      if (is_ascii_alnum(b))
        return alnum_run(p);
      out_.push_back(static_cast<char>(b));
      return p + 1;
  }
}

// N11 and N12 on one run of spaces (ASCII, NBSP, U+2000–200A, U+202F, U+205F, U+3000).
const std::uint8_t* LineWalker::spaces(const std::uint8_t* p) {
  const std::uint8_t* q = p;
  bool unusual = false;
  std::uint64_t deleted = 0;
  while (q < line_.end()) {
    Char ch = decode(q);
    if (ch.cls() == nd::kSpace) {
      unusual |= ch.c != ' ';
    } else if (ch.cls() == nd::kIgnorable && on(13)) {
      ++deleted;
    } else {
      break;
    }
    q = ch.next;
  }
  count(13, deleted);
  if (on(11)) {
    if (out_.size() == line_start_) {
      // A leading indent: U+3000 (or NBSP) marks typography, plain ASCII may be meaningful.
      if (unusual) {
        count(11);
        return q;
      }
    } else {
      const std::uint8_t left = last_out().cls();
      const std::uint8_t right = class_right_of_space(q, left);
      if (is_cjk(left) && is_cjk(right) && !(left == nd::kHangul && right == nd::kHangul)) {
        count(11);
        return q;
      }
    }
  }
  for (const std::uint8_t* s = p; s < q;) {
    Char ch = decode(s);
    if (ch.c == ' ') {
      out_.push_back(' ');
    } else if (ch.cls() == nd::kSpace) {
      if (on(12)) {
        out_.push_back(' ');
        count(12);
      } else {
        emit_raw(s, ch.next);
      }
    }
    s = ch.next;
  }
  return q;
}

// The class that decides whether N11 removes a space before `q`. ASCII punctuation counts as
// what it will become once the space is gone, so that a second pass agrees.
std::uint8_t LineWalker::class_right_of_space(const std::uint8_t* q, std::uint8_t left) {
  Char right = peek(q);
  if (is_cjk(right.cls()))
    return right.cls();
  switch (right.c) {
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
      // N4 converts it once the space is gone.
      return on(4) && (is_n4_left(left) || peek(right.next).cls() == nd::kHan) ? nd::kPunctN
                                                                               : nd::kOther;
    case '(':
    case ')':
    case '<':
    case '>': {
      const PairMark* mark = (ensure_pairs(q), mark_at(q));
      return mark != nullptr && mark->convert ? nd::kPunctN : nd::kOther;
    }
    default:
      return nd::kOther;
  }
}

// N4: , ; : ! ? after CJK or before Han become full-width and eat the spaces after them.
const std::uint8_t* LineWalker::western_punct(const std::uint8_t* p) {
  const std::uint8_t b = *p;
  if (on(4) && (is_n4_left(last_out().cls()) || peek(p + 1).cls() == nd::kHan)) {
    switch (b) {
      case ',':
        out_.append("\uFF0C");
        break;
      case ';':
        out_.append("\uFF1B");
        break;
      case ':':
        out_.append("\uFF1A");
        break;
      case '!':
        out_.append("\uFF01");
        break;
      default:
        out_.append("\uFF1F");
        break;
    }
    count(4);
    const std::uint8_t* q = p + 1;
    while (q < line_.end()) {
      Char ch = decode(q);
      if (ch.cls() == nd::kIgnorable && on(13)) {
        count(13);
      } else if (ch.cls() != nd::kSpace) {
        break;
      }
      q = ch.next;
    }
    return q;
  }
  out_.push_back(static_cast<char>(b));
  return p + 1;
}

// CJK on either side of [.., after): the context of N7 and N8.
bool LineWalker::cjk_around(const std::uint8_t* after) {
  return is_cjk(last_out().cls()) || is_cjk_stable(class_ahead(peek(after)));
}

std::uint8_t LineWalker::class_ahead(const Char& ch) {
  if (ch.c != '(' && ch.c != ')' && ch.c != '"' && ch.c != '<' && ch.c != '>')
    return ch.cls();
  const std::uint8_t* at = ch.next - 1;  // ASCII: one byte
  ensure_pairs(at);
  const auto pos = static_cast<std::size_t>(at - line_.begin());
  const auto it = std::lower_bound(marks_.begin(), marks_.end(), pos,
                                   [](const PairMark& m, std::size_t v) { return m.pos < v; });
  return it != marks_.end() && it->pos == pos && it->convert ? std::uint8_t{nd::kPunct} : ch.cls();
}

// N5 and N7 on ASCII full stops.
const std::uint8_t* LineWalker::dots(const std::uint8_t* p) {
  const Run run = run_of(p, [](UChar32 c) { return c == '.'; });
  const std::uint8_t* q = run.end;
  if (run.length >= 3) {
    if (on(7) && cjk_around(q)) {
      drop_ignorables(p, q);
      out_.append("\u2026\u2026");
      count(7);
    } else {
      emit_visible(p, q);
    }
    return q;
  }
  if (run.length == 1 && on(5) && ends_chinese_sentence(q)) {
    out_.append("\u3002");
    count(5);
    return q;
  }
  emit_visible(p, q);
  return q;
}

void LineWalker::emit_visible(const std::uint8_t* p, const std::uint8_t* q) {
  for (const std::uint8_t* s = p; s < q;) {
    Char ch = decode(s);
    if (ch.cls() == nd::kIgnorable && on(13)) {
      count(13);
    } else {
      emit_raw(s, ch.next);
    }
    s = ch.next;
  }
}

void LineWalker::drop_ignorables(const std::uint8_t* p, const std::uint8_t* q) {
  for (const std::uint8_t* s = p; s < q;) {
    Char ch = decode(s);
    if (ch.cls() == nd::kIgnorable)
      count(13);
    s = ch.next;
  }
}

// N5: a '.' ends a Chinese sentence when the line, a Han character or a closing quote comes
// next, and the sentence before it is more Han than English words.
bool LineWalker::ends_chinese_sentence(const std::uint8_t* after) const {
  Char left = last_out();
  if (left.c < 0 || left.cls() == nd::kSpace || left.c == '.' || left.c == '\t')
    return false;
  Char right = peek(after);
  if (right.cls() == nd::kSpace || right.c == '\t') {
    // Spaces, then Han (N11 will remove them) or the end (they will be trimmed).
    while (right.cls() == nd::kSpace || right.c == '\t')
      right = peek(right.next);
    if (!(right.c < 0 || right.cls() == nd::kHan || right.cls() == nd::kKana))
      return false;
  } else if (!(right.c < 0 || right.cls() == nd::kHan || right.cls() == nd::kKana ||
               is_closer(right.c))) {
    return false;
  }
  return chinese_sentence_before();
}

// Han characters against "words": runs of non-CJK, non-space characters that hold a Latin
// letter. A URL or a version number is one word however it is punctuated, so the count does not
// depend on where a URL was found to begin.
bool LineWalker::chinese_sentence_before() const {
  const auto* base = reinterpret_cast<const std::uint8_t*>(out_.data() + line_start_);
  auto i = static_cast<int32_t>(out_.size() - line_start_);
  int han = 0;
  int words = 0;
  bool word_has_letter = false;
  bool right_space = false;
  for (int steps = 0; i > 0 && steps < 256; ++steps) {
    UChar32 c;
    c = prev_code_point(base, i);
    const std::uint8_t cls = class_of(c);
    const bool in_word = !is_cjk(cls) && cls != nd::kSpace && c != '\t';
    if (c < 0x80 && std::strchr(".!?;", static_cast<char>(c)) != nullptr && c != 0) {
      if (right_space)
        break;  // ASCII ends a sentence before a space, not inside a URL
    } else if (c == '(' || c == '"') {
      // Opens a quote or an aside unless it sits inside a word (a URL, f(x), a closing ").
      int32_t j = i;
      UChar32 left = -1;
      if (j > 0)
        left = prev_code_point(base, j);
      const std::uint8_t left_cls = class_of(left);
      if (left < 0 || is_cjk(left_cls) || left_cls == nd::kSpace || left == '\t')
        break;
    } else if (is_sentence_start(c)) {
      break;
    }
    if (in_word) {
      word_has_letter |= cls == nd::kLatin;
    } else {
      words += word_has_letter;
      word_has_letter = false;
      han += cls == nd::kHan || cls == nd::kKana;
    }
    right_space = cls == nd::kSpace;
  }
  words += word_has_letter;
  return han > words;
}

// N6.
const std::uint8_t* LineWalker::pair(const std::uint8_t* p) {
  ensure_pairs(p);
  const PairMark* mark = mark_at(p);
  if (mark == nullptr || !mark->convert) {
    out_.push_back(static_cast<char>(*p));
    return p + 1;
  }
  switch (*p) {
    case '(':
      out_.append("\uFF08");
      count(6);
      break;
    case ')':
      out_.append("\uFF09");
      break;
    case '<':  // a nested title mark written in ASCII: 《制定<路线图>的声明》
      out_.append("\u3008");
      count(6);
      break;
    case '>':
      out_.append("\u3009");
      break;
    default:
      if (mark->opening) {
        out_.append("\u201C");
        count(6);
      } else {
        out_.append("\u201D");
      }
      break;
  }
  return p + 1;
}

void LineWalker::ensure_pairs(const std::uint8_t* from) {
  if (pairs_done_)
    return;
  pairs_done_ = true;
  nd::pair_marks(line_, line_.offset(from), marks_, pair_scratch_);
}

const PairMark* LineWalker::mark_at(const std::uint8_t* p) {
  const auto pos = static_cast<std::size_t>(p - line_.begin());
  while (mark_cursor_ < marks_.size() && marks_[mark_cursor_].pos < pos)
    ++mark_cursor_;
  if (mark_cursor_ < marks_.size() && marks_[mark_cursor_].pos == pos) {
    return &marks_[mark_cursor_];
  }
  return nullptr;
}

// N8: a doubled dash next to CJK becomes ——, a lone U+2015 becomes U+2014.
const std::uint8_t* LineWalker::dashes(const std::uint8_t* p, UChar32 c) {
  const Run run = run_of(p, [c](UChar32 d) { return d == c; });
  const std::uint8_t* q = run.end;
  const int n = run.length;
  if (on(8)) {
    if (c == 0x2015 && n == 1) {
      drop_ignorables(p, q);
      out_.append("\u2014");
      count(8);
      return q;
    }
    if (n == 2) {
      Char left = last_out();
      Char right = peek(q);
      const bool left_cjk = is_cjk(left.cls());
      const bool right_cjk = is_cjk_stable(class_ahead(right));
      const bool left_alnum = left.cls() == nd::kLatin || left.cls() == nd::kDigit;
      const bool right_alnum = right.cls() == nd::kLatin || right.cls() == nd::kDigit;
      if (((left_cjk && !right_alnum) || (right_cjk && !left_alnum)) && !is_box_drawing(left.c) &&
          !is_box_drawing(right.c)) {
        drop_ignorables(p, q);
        out_.append("\u2014\u2014");
        count(8);
        return q;
      }
    }
  }
  emit_visible(p, q);
  return q;
}

// N7: … alone in CJK, ⋯⋯ anywhere, become ……; longer runs of … are left alone.
const std::uint8_t* LineWalker::ellipsis(const std::uint8_t* p, UChar32 c) {
  const Run run = run_of(p, [c](UChar32 d) { return d == c; });
  const std::uint8_t* q = run.end;
  const int n = run.length;
  if (on(7) && (c == 0x22EF ? n >= 2 || cjk_around(q) : n == 1 && cjk_around(q))) {
    drop_ignorables(p, q);
    out_.append("\u2026\u2026");
    count(7);
  } else {
    emit_visible(p, q);
  }
  return q;
}

// N7 on 。。。 (and the small and half-width full stops of N3).
const std::uint8_t* LineWalker::full_stops(const std::uint8_t* p) {
  auto is_stop = [](UChar32 c) { return c == 0x3002 || c == 0xFE52 || c == 0xFF61; };
  const Run run = run_of(p, is_stop);
  const std::uint8_t* q = run.end;
  const int n = run.length;
  // Spaces between full stops count as gone: N11 removes them (both sides are CJK).
  const std::uint8_t* spaced_end = q;
  int spaced = n;
  if (on(11)) {
    for (Char ch = decode(spaced_end);;) {
      while (ch.cls() == nd::kSpace || (ch.cls() == nd::kIgnorable && on(13))) {
        ch = decode(ch.next);
      }
      if (!is_stop(ch.c))
        break;
      for (; is_stop(ch.c); ch = decode(ch.next)) {
        ++spaced;
        spaced_end = ch.next;
      }
    }
  }
  if (spaced >= 3 && on(7)) {
    drop_ignorables(p, spaced_end);
    out_.append("\u2026\u2026");
    count(7);
    return spaced_end;
  }
  for (const std::uint8_t* s = p; s < q;) {
    Char ch = decode(s);
    if (ch.cls() == nd::kIgnorable) {
      count(13);  // a run only holds them when N13 is on
    } else if (ch.c != 0x3002 && on(3)) {
      out_.append("\u3002");
      count(3);
    } else {
      emit_raw(s, ch.next);
    }
    s = ch.next;
  }
  return q;
}

// ASCII letters and digits, special only for CJK–Latin spacing.
const std::uint8_t* LineWalker::alnum_run(const std::uint8_t* p) {
  const std::uint8_t* q = p + 1;
  while (q < line_.end() && is_ascii_alnum(*q))
    ++q;
  emit_spaced(*p, ascii_class(*p));
  emit_raw(p + 1, q);
  return q;
}

// N15: a URL or email is copied as it is from its trigger on (see UrlSpan).
const std::uint8_t* LineWalker::url(const std::uint8_t* trigger, const std::uint8_t* end) {
  const std::size_t out_begin = out_.size() - line_start_;
  emit_raw(trigger, end);
  urls_.push_back({out_begin, out_.size() - line_start_});
  input_urls_.push_back({line_.offset(trigger), line_.offset(end)});
  return end;
}

void LineWalker::finish_line() {
  if (on(11))
    trim_trailing_spaces();
  if (needs_nfc_ && on(16))
    compose_output();
}

// N11: trailing spaces.
void LineWalker::trim_trailing_spaces() {
  bool trimmed = false;
  // The character really last (not last_out(), which reports a combining mark's base: a space
  // carrying a mark is no trailing space).
  const auto* s = reinterpret_cast<const std::uint8_t*>(out_.data() + line_start_);
  while (out_.size() > line_start_) {
    auto i = static_cast<int32_t>(out_.size() - line_start_);
    const UChar32 c = prev_code_point(s, i);
    if (c != '\t' && class_of(c) != nd::kSpace)
      break;
    out_.resize(line_start_ + static_cast<std::size_t>(i));
    trimmed = true;
  }
  if (trimmed)
    count(11);
}

// N16 on what the rules wrote, URLs apart: the walk judged composed text, but a rule may leave
// text that is not NFC (N1 makes Ａ + U+0301 an A + U+0301, which composes to Á).
void LineWalker::compose_output() {
  std::string normalized;
  const std::string_view line(out_.data() + line_start_, out_.size() - line_start_);
  if (const std::uint64_t changes = compose_outside(*impl_.nfc, line, urls_, normalized);
      changes != 0) {
    count(16, changes);
    out_.resize(line_start_);
    out_ += normalized;
  }
}

}  // namespace

struct Normalizer::Impl : NormalizerConfig {
  using NormalizerConfig::NormalizerConfig;
};

// ---------------------------------------------------------------------------------------------
// The public face.

Normalizer::Normalizer(const NormalizeOptions& options) : impl_(std::make_unique<Impl>(options)) {}

Result<Normalizer> Normalizer::create(const NormalizeOptions& options) {
  try {
    return Normalizer(options);
  } catch (const std::runtime_error& e) {
    return make_error(ErrorCode::icu_error, Stage::normalize, e.what());
  }
}
Normalizer::~Normalizer() = default;
Normalizer::Normalizer(Normalizer&&) noexcept = default;
Normalizer& Normalizer::operator=(Normalizer&&) noexcept = default;

const NormalizeOptions& Normalizer::options() const {
  return impl_->options;
}

std::string Normalizer::normalize(std::string_view utf8, NormalizeCounts* counts) const {
  std::string out;
  out.reserve(utf8.size() + utf8.size() / 4 + 16);
  NormalizeCounts local;
  LineWalker walker(*impl_, out, local);
  std::size_t start = 0;
  while (true) {
    const std::size_t newline = utf8.find('\n', start);
    const std::string_view line =
        utf8.substr(start, newline == std::string_view::npos ? newline : newline - start);
    if (all_ascii(line)) {
      // No CJK, so nothing but the trailing spaces of N11 can apply.
      std::size_t n = line.size();
      while (impl_->on(11) && n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        --n;
      if (n != line.size())
        ++local.changes[11];
      out.append(line.data(), n);
    } else {
      const std::size_t line_start = out.size();
      walker.run(line);
      if (impl_->to_simplified) {
        // Traditional → Simplified, per paragraph, after the rules (N14 may yield
        // traditional forms). Slow: ICU's transliterator is rule-based.
        icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(
            out.data() + line_start, static_cast<int32_t>(out.size() - line_start)));
        {
          std::lock_guard<std::mutex> lock(impl_->to_simplified_mutex);
          impl_->to_simplified->transliterate(text);
        }
        out.resize(line_start);
        text.toUTF8String(out);
      }
    }
    if (newline == std::string_view::npos)
      break;
    out.push_back('\n');
    start = newline + 1;
  }
  if (counts != nullptr)
    *counts += local;
  return out;
}

bool normalize_stream(std::istream& in, std::ostream& out, const Normalizer& normalizer,
                      NormalizeCounts* counts) {
  std::string line;
  while (std::getline(in, line)) {
    const bool newline = !in.eof();
    const bool cr = !line.empty() && line.back() == '\r';
    if (cr)
      line.pop_back();
    const std::string normalized = normalizer.normalize(line, counts);
    out.write(normalized.data(), static_cast<std::streamsize>(normalized.size()));
    if (cr)
      out.put('\r');
    if (newline)
      out.put('\n');
    if (!out)
      return false;
  }
  return !in.bad() && static_cast<bool>(out);
}

}  // namespace corpus_clean

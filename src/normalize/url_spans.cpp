// Finds the URLs and e-mail addresses N15 keeps unchanged (url_spans.hpp).
#include "normalize/url_spans.hpp"

#include <cstring>

namespace corpus_clean::normalize_detail {
namespace {

template <class Test>
bool is_ascii_where(UChar32 c, Test test) {
  return c >= 0 && c < 0x80 && test(static_cast<std::uint8_t>(c));
}

bool is_scheme_char(std::uint8_t b) {
  return is_ascii_alnum(b) || b == '+' || b == '.' || b == '-';
}

// Bytes a URL may hold (RFC 3986 plus what real links carry), ASCII only.
bool is_url_char(std::uint8_t b) {
  if (b <= 0x20 || b >= 0x7F)
    return false;
  switch (b) {
    case '"':
    case '<':
    case '>':
    case '\\':
    case '^':
    case '`':
    case '{':
    case '|':
    case '}':
      return false;
    default:
      return true;
  }
}

bool is_email_local_char(std::uint8_t b) {
  return is_ascii_alnum(b) || b == '.' || b == '_' || b == '%' || b == '+' || b == '-';
}

// N1's ASCII for a full-width letter or digit; any other character as it is.
UChar32 as_seen(const Line& line, UChar32 c) {
  const std::uint8_t cls = line.table().class_of(c);
  return c >= 0xFF10 && c <= 0xFF5A && line.on(1) && (cls == kLatin || cls == kDigit) ? c - 0xFEE0
                                                                                      : c;
}

// The character before `s` as a second pass sees it (past N13 characters, full-width letters and
// digits as ASCII), and in `at` where it starts; -1 at the start of the line.
UChar32 seen_before(const Line& line, const std::uint8_t* s, const std::uint8_t** at) {
  const std::uint8_t* begin = line.begin();
  auto i = static_cast<int32_t>(s - begin);
  while (i > 0) {
    const UChar32 c = prev_code_point(begin, i);
    if (c >= 0x80 && line.on(13) && line.table().class_of(c) == kIgnorable)
      continue;
    *at = begin + i;
    return as_seen(line, c);
  }
  *at = begin;
  return -1;
}

// The character at `s` as a second pass sees it, and in `next` where it ends; -1 at the end of
// the line.
UChar32 seen_at(const Line& line, const std::uint8_t* s, const std::uint8_t** next) {
  while (s < line.end()) {
    const Char ch = line.decode(s);
    s = ch.next;
    if (ch.c >= 0x80 && line.on(13) && ch.cls() == kIgnorable)
      continue;
    *next = s;
    return as_seen(line, ch.c);
  }
  *next = line.end();
  return -1;
}

// Just past the N13 character at `p` when there is one and the line goes on, else null.
const std::uint8_t* past_ignorable(const Line& line, const std::uint8_t* p) {
  if (*p < 0x80 || !line.on(13))
    return nullptr;
  const Char ch = line.decode(p);
  return ch.cls() == kIgnorable && ch.next < line.end() ? ch.next : nullptr;
}

// The end of a URL's characters from `p`, without the punctuation that ends the sentence it sits
// in, and without a ')' it did not open (GitHub's autolink rule).
const std::uint8_t* url_end(const Line& line, const std::uint8_t* p) {
  const std::uint8_t* q = p;
  int open = 0;
  int close = 0;
  while (q < line.end()) {
    if (is_url_char(*q)) {
      open += *q == '(';
      close += *q == ')';
      ++q;
    } else if (const std::uint8_t* r = past_ignorable(line, q); r != nullptr && is_url_char(*r)) {
      q = r;  // kept inside the URL, so that a second pass finds the same URL
    } else if (Char ch = line.decode(q);
               line.on(1) && ch.c >= 0xFF10 && ch.c <= 0xFF5A && (ch.value & kSpecial)) {
      q = ch.next;  // a full-width letter or digit, which N1 would make a URL character
    } else {
      break;
    }
  }
  while (q > p) {
    const std::uint8_t last = q[-1];
    if (last >= 0x80) {  // an N13 character does not end a URL
      auto i = static_cast<int32_t>(q - line.begin());
      const UChar32 c = prev_code_point(line.begin(), i);
      if (line.table().class_of(c) != kIgnorable)
        break;
      q = line.begin() + i;
    } else if (std::strchr(".,:;!?'*_~", last) != nullptr) {
      --q;
    } else if (last == ')' && close > open) {
      --q;
      --close;
    } else {
      break;
    }
  }
  return q;
}

UrlSpan span_of(const Line& line, const std::uint8_t* begin, const std::uint8_t* trigger,
                const std::uint8_t* end) {
  return {line.offset(begin), line.offset(trigger), line.offset(end)};
}

// "://" after a scheme of at least two characters that starts with a letter.
std::optional<UrlSpan> scheme_url(const Line& line, const std::uint8_t* colon) {
  const std::uint8_t* q = colon + 1;
  for (int slash = 0; slash < 2; ++slash) {
    if (seen_at(line, q, &q) != '/')
      return std::nullopt;
  }
  const std::uint8_t* start = colon;
  int run = 0;
  int length = 0;  // scheme characters from `start`, its leftmost letter
  for (const std::uint8_t* at = colon;;) {
    const UChar32 c = seen_before(line, at, &at);
    if (!is_ascii_where(c, is_scheme_char))
      break;
    ++run;
    if (is_ascii_letter(c)) {
      start = at;
      length = run;
    }
  }
  if (length < 2)
    return std::nullopt;
  const std::uint8_t* end = url_end(line, q);
  if (end == q)
    return std::nullopt;
  return span_of(line, start, colon, end);
}

// "www." starting a word.
std::optional<UrlSpan> www_url(const Line& line, const std::uint8_t* dot) {
  const std::uint8_t* s = dot;
  for (int i = 0; i < 3; ++i) {
    const UChar32 c = seen_before(line, s, &s);
    if (c != 'w' && c != 'W')
      return std::nullopt;
  }
  if (s > line.begin()) {
    // Not after a letter, a digit or a character that joins words in host names and paths
    // (not ':', which N4 makes '：' after CJK). NFC joins a combining mark to its base.
    const std::uint8_t* at = s;
    UChar32 before = seen_before(line, at, &at);
    while (before >= 0 && line.table().is_combining(before))
      before = seen_before(line, at, &at);
    const std::uint8_t cls = line.table().class_of(before);
    if (cls == kLatin || cls == kDigit ||
        (before >= 0 && before < 0x80 && std::strchr("./-_@", before) != nullptr)) {
      return std::nullopt;
    }
  }
  const std::uint8_t* end = url_end(line, dot + 1);
  if (end == dot + 1)
    return std::nullopt;
  return span_of(line, s, dot, end);
}

// local@domain.tld. The local part holds no ".." and starts with a letter or a digit: what comes
// before one is copied by the rules' walk, which may change it (N8 makes "--" after CJK a dash),
// so it cannot decide whether there is an e-mail address.
std::optional<UrlSpan> email(const Line& line, const std::uint8_t* at_sign) {
  const std::uint8_t* start = at_sign;
  UChar32 right = -1;
  for (const std::uint8_t* at = at_sign;;) {
    const UChar32 c = seen_before(line, at, &at);
    if (!is_ascii_where(c, is_email_local_char) || (c == '.' && right == '.'))
      break;
    if (is_ascii_alnum(c))
      start = at;
    right = c;
  }
  if (start == at_sign)
    return std::nullopt;
  const std::uint8_t* end = at_sign + 1;
  int labels = 0;
  while (true) {
    int length = 0;
    for (const std::uint8_t* next = end;;) {
      const UChar32 c = seen_at(line, end, &next);
      if (!(is_ascii_where(c, is_ascii_alnum) || c == '-'))
        break;
      end = next;
      ++length;
    }
    if (length == 0)
      return std::nullopt;
    ++labels;
    const std::uint8_t* after_dot;
    const std::uint8_t* next;
    if (seen_at(line, end, &after_dot) == '.' &&
        is_ascii_where(seen_at(line, after_dot, &next), is_ascii_alnum)) {
      end = after_dot;
      continue;
    }
    break;
  }
  if (labels < 2)
    return std::nullopt;
  return span_of(line, start, at_sign, end);
}

}  // namespace

std::optional<UrlSpan> url_span_at(const Line& line, std::size_t trigger) {
  const std::uint8_t* p = line.begin() + trigger;
  switch (*p) {
    case ':':
      return scheme_url(line, p);
    case '.':
      return www_url(line, p);
    default:
      return email(line, p);
  }
}

std::vector<UrlSpan> url_spans(const Line& line) {
  std::vector<UrlSpan> spans;
  for (std::size_t i = 0; i < line.size();) {
    const std::uint8_t b = line.begin()[i];
    if (b == ':' || b == '.' || b == '@') {
      if (const std::optional<UrlSpan> span = url_span_at(line, i)) {
        spans.push_back(*span);
        i = span->end;
        continue;
      }
    }
    ++i;
  }
  return spans;
}

}  // namespace corpus_clean::normalize_detail

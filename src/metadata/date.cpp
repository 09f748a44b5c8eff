// Date parsing for the forms news sites and static-site generators write: ISO-like, RFC 2822,
// JavaScript's Date.toString, and Chinese (Arabic or Chinese numerals). Strict: every field is
// range-checked, anything else is "unknown" rather than a guess.
#include "corpus_clean/date.hpp"

#include <array>
#include <cctype>
#include <cstdio>

#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

struct DateTime {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  std::string fraction;  // digits after the decimal point, as written
  bool has_zone = false;
  int offset_minutes = 0;
  bool utc = false;  // written as Z / GMT / UTC
};

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  std::string_view rest() const { return s_.substr(i_); }
  std::size_t pos() const { return i_; }
  void skip_spaces() {
    while (!done() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == ','))
      ++i_;
  }
  bool eat(char c) {
    if (peek() != c)
      return false;
    ++i_;
    return true;
  }
  bool eat(std::string_view word) {
    if (!rest().starts_with(word))
      return false;
    i_ += word.size();
    return true;
  }
  // Reads min..max ASCII digits.
  bool number(int min_digits, int max_digits, int* value) {
    int v = 0, n = 0;
    while (n < max_digits && !done() && text::is_ascii_digit(s_[i_])) {
      v = v * 10 + (s_[i_++] - '0');
      ++n;
    }
    if (n < min_digits)
      return false;
    *value = v;
    return true;
  }
  std::string_view word() {
    const std::size_t start = i_;
    while (!done() && text::is_ascii_alpha(s_[i_]))
      ++i_;
    return s_.substr(start, i_ - start);
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool valid(const DateTime& d) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < 1000 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1)
    return false;
  const int days = kDays[static_cast<std::size_t>(d.month - 1)] + (d.month == 2 && is_leap(d.year));
  if (d.day > days)
    return false;
  if (d.has_time && (d.hour > 23 || d.minute > 59 || d.second > 60))
    return false;
  return !d.has_zone || (d.offset_minutes > -16 * 60 && d.offset_minutes < 16 * 60);
}

int month_from_name(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3)
    return 0;
  const std::string lower = text::ascii_lower(name.substr(0, 3));
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (lower == kMonths[i])
      return static_cast<int>(i) + 1;
  }
  return 0;
}

// "+08:00", "+0800", "+08", "Z", "GMT", "UTC", "UT", "GMT+0800"; nothing else.
bool parse_zone(Scanner& sc, DateTime& d) {
  sc.skip_spaces();
  if (sc.done())
    return true;
  bool named_utc = false;
  if (sc.eat("GMT") || sc.eat("UTC") || sc.eat("UT") || sc.eat('Z'))
    named_utc = true;
  if (sc.peek() == '+' || sc.peek() == '-') {
    const int sign = sc.peek() == '-' ? -1 : 1;
    sc.eat(sc.peek());
    int hours = 0, minutes = 0;
    if (!sc.number(2, 2, &hours))
      return false;
    sc.eat(':');
    if (!sc.done() && text::is_ascii_digit(sc.peek())) {
      if (!sc.number(2, 2, &minutes))
        return false;
    }
    d.has_zone = true;
    d.offset_minutes = sign * (hours * 60 + minutes);
    d.utc = false;
  } else if (named_utc) {
    d.has_zone = true;
    d.utc = true;
  }
  sc.skip_spaces();
  if (sc.eat('('))
    return true;  // "(China Standard Time)": a comment on the zone
  return sc.done() && (d.has_zone || !named_utc);
}

bool parse_time(Scanner& sc, DateTime& d) {
  if (!sc.number(1, 2, &d.hour) || !sc.eat(':') || !sc.number(2, 2, &d.minute))
    return false;
  d.has_time = true;
  if (sc.eat(':')) {
    if (!sc.number(2, 2, &d.second))
      return false;
    if (sc.eat('.') || sc.eat(',')) {
      while (!sc.done() && text::is_ascii_digit(sc.peek())) {
        d.fraction += sc.peek();
        sc.eat(sc.peek());
      }
      if (d.fraction.empty())
        return false;
    }
  }
  return true;
}

// Nothing more, or a time and an optional zone: how every form ends.
bool parse_optional_time(Scanner& sc, DateTime& d) {
  if (sc.done())
    return true;
  return parse_time(sc, d) && parse_zone(sc, d);
}

// 2022-02-04, 2022/2/4, 2022.02.04, then optional [T ]time and zone.
bool parse_numeric(std::string_view text, DateTime& d) {
  Scanner sc(text);
  if (!sc.number(4, 4, &d.year))
    return false;
  const char sep = sc.peek();
  if (sep != '-' && sep != '/' && sep != '.')
    return false;
  sc.eat(sep);
  if (!sc.number(1, 2, &d.month) || !sc.eat(sep) || !sc.number(1, 2, &d.day))
    return false;
  if (sc.done())
    return true;
  if (!sc.eat('T') && !sc.eat(' '))
    return false;
  sc.skip_spaces();
  if (!parse_time(sc, d))
    return false;
  return parse_zone(sc, d);
}

// "Thu, 10 Feb 2022 08:05:15 GMT" and "10 Feb 2022 08:05 +0800".
bool parse_rfc2822(std::string_view text, DateTime& d) {
  Scanner sc(text);
  if (text::is_ascii_alpha(sc.peek())) {
    sc.word();
    sc.skip_spaces();
  }
  if (!sc.number(1, 2, &d.day))
    return false;
  sc.skip_spaces();
  d.month = month_from_name(sc.word());
  if (d.month == 0)
    return false;
  sc.skip_spaces();
  if (!sc.number(4, 4, &d.year))
    return false;
  sc.skip_spaces();
  return parse_optional_time(sc, d);
}

// JavaScript's Date.toString: "Thu Feb 10 2022 16:05:15 GMT+0800 (China Standard Time)".
bool parse_js(std::string_view text, DateTime& d) {
  Scanner sc(text);
  sc.word();
  sc.skip_spaces();
  d.month = month_from_name(sc.word());
  if (d.month == 0)
    return false;
  sc.skip_spaces();
  if (!sc.number(1, 2, &d.day))
    return false;
  sc.skip_spaces();
  if (!sc.number(4, 4, &d.year))
    return false;
  sc.skip_spaces();
  return parse_optional_time(sc, d);
}

// Chinese numerals as dates write them: 二〇二三 (digit by digit), 二十一 (tens).
int chinese_digit(char32_t cp) {
  switch (cp) {
    case U'〇':
    case U'零':
    case U'○':
    case U'Ｏ':
      return 0;
    case U'一':
      return 1;
    case U'二':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    case U'十':
      return 10;
    default:
      return -1;
  }
}

char32_t decode_at(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80)
    return static_cast<char32_t>(s[i++]);
  const std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  if (i + len > s.size()) {
    i = s.size();
    return 0;
  }
  char32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

// Reads a number before `unit` (年, 月, 日) in Arabic or Chinese numerals. Spaces may stand
// around the number ("2021 年 03 月 15 日", as PDF conversions space a report's cover date), not
// inside it.
bool chinese_field(std::string_view s, std::size_t& i, char32_t unit, bool digit_by_digit,
                   int* value) {
  int v = 0, digits = 0, tens = -1;
  bool spaced_after_number = false;
  while (i < s.size()) {
    std::size_t next = i;
    const char32_t cp = decode_at(s, next);
    if (cp == ' ' || cp == U'\u3000') {
      spaced_after_number = digits > 0 || tens >= 0;
      i = next;
      continue;
    }
    if (spaced_after_number && cp != unit)
      return false;
    if (cp == unit) {
      i = next;
      if (digits == 0 && tens < 0)
        return false;
      if (tens >= 0)
        v = tens * 10 + v;
      *value = v;
      return true;
    }
    int digit = -1;
    if (cp >= '0' && cp <= '9')
      digit = static_cast<int>(cp - '0');
    if (cp >= U'０' && cp <= U'９')
      digit = static_cast<int>(cp - U'０');
    const int chinese = chinese_digit(cp);
    if (digit < 0 && chinese < 0)
      return false;
    if (chinese == 10 && !digit_by_digit) {
      if (tens >= 0)
        return false;
      tens = digits == 0 ? 1 : v;
      v = 0;
      digits = 0;
    } else {
      v = v * 10 + (digit >= 0 ? digit : chinese);
      if (++digits > 4)
        return false;
    }
    i = next;
  }
  return false;
}

bool parse_chinese(std::string_view text, DateTime& d) {
  std::size_t i = 0;
  if (!chinese_field(text, i, U'年', true, &d.year))
    return false;
  if (!chinese_field(text, i, U'月', false, &d.month))
    return false;
  if (!chinese_field(text, i, U'日', false, &d.day)) {
    i = 0;
    return false;
  }
  Scanner sc(text.substr(i));
  sc.skip_spaces();
  return parse_optional_time(sc, d);
}

std::string format(const DateTime& d, const DateOptions& options) {
  char buf[64];
  if (!d.has_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day, d.hour,
                d.minute, d.second);
  std::string out = buf;
  if (!d.fraction.empty())
    out += "." + d.fraction;
  int offset = d.offset_minutes;
  bool has_zone = d.has_zone;
  if (!has_zone && options.assume_offset_minutes) {
    has_zone = true;
    offset = *options.assume_offset_minutes;
  }
  if (!has_zone)
    return out;
  if (d.has_zone && d.utc)
    return out + "Z";
  const int magnitude = offset < 0 ? -offset : offset;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset < 0 ? '-' : '+', magnitude / 60,
                magnitude % 60);
  return out + buf;
}

}  // namespace

std::optional<int> parse_utc_offset(std::string_view text) {
  text = text::trim(text);
  if (text.empty())
    return std::nullopt;
  DateTime d;
  Scanner sc(text);
  if (!parse_zone(sc, d) || !d.has_zone)
    return std::nullopt;
  if (d.offset_minutes <= -16 * 60 || d.offset_minutes >= 16 * 60)
    return std::nullopt;
  return d.offset_minutes;
}

std::optional<std::string> to_iso8601(std::string_view text, const DateOptions& options) {
  text = text::trim(text);
  if (text.size() < 8 || text.size() > 80)
    return std::nullopt;
  for (auto* parse : {parse_numeric, parse_rfc2822, parse_js, parse_chinese}) {
    DateTime d;
    if (parse(text, d) && valid(d))
      return format(d, options);
  }
  return std::nullopt;
}

}  // namespace corpus_clean

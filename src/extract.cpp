// Extraction dispatch, plain-text extraction, and the text helpers the extractors share.
#include "corpus_clean/extract.hpp"

#include <array>
#include <cstring>

#include "inline_markdown.hpp"

namespace corpus_clean {

namespace detail {

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += len;
  return cp;
}

char32_t last_code_point(std::string_view s) {
  if (s.empty())
    return 0;
  std::size_t start = s.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 &&
         s.size() - start < 4) {
    --start;
  }
  std::size_t i = start;
  return next_code_point(s, i);
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_cjk(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) ||  // radicals, CJK punctuation, kana, Han
         (cp >= 0xAC00 && cp <= 0xD7AF) ||  // Hangul syllables
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // compatibility ideographs
         (cp >= 0xFE30 && cp <= 0xFE4F) ||  // compatibility forms
         (cp >= 0xFF00 && cp <= 0xFFEF) ||  // full-width forms
         (cp >= 0x20000 && cp <= 0x3FFFF);  // Han extensions
}

}  // namespace detail

namespace text_util {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

void append_collapsed(std::string& out, std::string_view text) {
  for (char c : text) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ')
        out += ' ';
    } else {
      out += c;
    }
  }
}

std::string_view trim(std::string_view text) {
  std::size_t b = 0;
  while (b < text.size() && is_space(text[b]))
    ++b;
  std::size_t e = text.size();
  while (e > b && is_space(text[e - 1]))
    --e;
  return text.substr(b, e - b);
}

namespace {

struct NamedEntity {
  const char* name;
  char32_t cp;
};
constexpr std::array<NamedEntity, 22> kEntities = {{
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},    {"ensp", 0x2002},  {"emsp", 0x2003},  {"thinsp", 0x2009}, {"copy", 0xA9},
    {"reg", 0xAE},     {"middot", 0xB7},  {"times", 0xD7},   {"hellip", 0x2026}, {"mdash", 0x2014},
    {"ndash", 0x2013}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"lsquo", 0x2018},  {"rsquo", 0x2019},
    {"laquo", 0xAB},   {"raquo", 0xBB},
}};

}  // namespace

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, amp - i));
    // A reference is at most 10 characters to its ';': look no further, so that a run of '&'
    // with no ';' after it costs linear time.
    std::size_t semi = text.substr(amp, 11).find(';');
    if (semi != std::string_view::npos)
      semi += amp;
    if (semi == std::string_view::npos || semi == amp + 1) {
      out += '&';
      i = amp + 1;
      continue;
    }
    const std::string_view name = text.substr(amp + 1, semi - amp - 1);
    char32_t cp = 0;
    if (name[0] == '#') {
      const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      const std::string_view digits = name.substr(hex ? 2 : 1);
      bool ok = !digits.empty();
      for (char c : digits) {
        const int v = (c >= '0' && c <= '9')          ? c - '0'
                      : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                      : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                      : -1;
        if (v < 0 || cp > 0x10FFFF) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16u : 10u) + static_cast<char32_t>(v);
      }
      if (!ok || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0;
    } else {
      for (const NamedEntity& e : kEntities) {
        if (name == e.name)
          cp = e.cp;
      }
    }
    if (cp == 0) {
      out += '&';
      i = amp + 1;
      continue;
    }
    detail::append_utf8(out, cp);
    i = semi + 1;
  }
  return out;
}

void append_soft_line(std::string& out, std::string_view line) {
  line = trim(line);
  if (line.empty())
    return;
  if (!out.empty()) {
    std::size_t i = 0;
    const char32_t next = detail::next_code_point(line, i);
    if (!(detail::is_cjk(detail::last_code_point(out)) && detail::is_cjk(next)))
      out += ' ';
  }
  out.append(line);
}

}  // namespace text_util

Extraction extract_text(std::string_view body) {
  // Paragraphs are separated by blank lines; a file with no blank line at all has one
  // paragraph per line. Soft-wrapped lines are joined.
  Extraction out;
  const bool has_blank_line =
      body.find("\n\n") != std::string_view::npos || body.find("\n \n") != std::string_view::npos;
  std::string paragraph;
  auto flush = [&] {
    if (!paragraph.empty()) {
      std::string collapsed;
      text_util::append_collapsed(collapsed, paragraph);
      out.blocks.push_back(Block{BlockKind::paragraph, std::string(text_util::trim(collapsed)), 0});
      paragraph.clear();
    }
  };
  text_util::LineReader lines(body);
  std::string_view line;
  while (lines.next(line)) {
    if (text_util::trim(line).empty()) {
      flush();
    } else {
      text_util::append_soft_line(paragraph, line);
      if (!has_blank_line)
        flush();
    }
  }
  flush();
  return out;
}

Extraction extract(std::string_view body, Format format, const ExtractOptions& options,
                   std::vector<DroppedElement>* dropped) {
  switch (format) {
    case Format::html: {
      HtmlExtraction html = extract_html(body, options);
      if (dropped)
        *dropped = std::move(html.dropped);
      return std::move(html.extraction);
    }
    case Format::markdown:
      return extract_markdown(body);
    case Format::text:
      return extract_text(body);
  }
  return {};
}

}  // namespace corpus_clean

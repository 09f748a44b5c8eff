// Extraction dispatch, plain-text extraction, and the text helpers the extractors share.
#include "extract/extract.hpp"

#include <array>
#include <cstring>

#include "extract/inline_markdown.hpp"
#include "text/chars.hpp"
#include "text/line_reader.hpp"
#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {

namespace text_util {

void append_collapsed(std::string& out, std::string_view text) {
  for (char c : text) {
    if (text::is_ascii_space(c)) {
      if (!out.empty() && out.back() != ' ')
        out += ' ';
    } else {
      out += c;
    }
  }
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
    text::append_utf8(out, cp);
    i = semi + 1;
  }
  return out;
}

void append_soft_line(std::string& out, std::string_view line) {
  line = text::trim(line);
  if (line.empty())
    return;
  if (!out.empty()) {
    if (!(text::is_cjk(text::last_code_point(out)) && text::is_cjk(text::first_code_point(line))))
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
      out.blocks.push_back(Block{BlockKind::paragraph, std::string(text::trim(collapsed)), 0});
      paragraph.clear();
    }
  };
  text::LineReader lines(body);
  std::string_view line;
  while (lines.next(line)) {
    if (text::trim(line).empty()) {
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

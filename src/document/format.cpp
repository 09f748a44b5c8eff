// Body format detection by a cheap scan: no parsing, first evidence wins.
#include "document/format.hpp"

#include <array>
#include <cctype>

#include "extract/extract.hpp"
#include "text/line_reader.hpp"
#include "text/strings.hpp"

namespace corpus_clean {
namespace {

// Tags that only appear in HTML bodies. <br> and <img> are left out on purpose: Markdown
// tables and paragraphs carry them too.
constexpr std::array<std::string_view, 27> kBlockTags = {
    "p",      "div",    "table", "tbody", "ul",      "ol",      "li",         "h1",    "h2",
    "h3",     "h4",     "h5",    "h6",    "section", "article", "blockquote", "pre",   "figure",
    "header", "footer", "main",  "nav",   "aside",   "dl",      "center",     "style", "script"};

bool is_tag_end(char c) {
  return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n';
}

bool has_html_block_tag(std::string_view body) {
  for (std::size_t pos = body.find('<'); pos != std::string_view::npos;
       pos = body.find('<', pos + 1)) {
    std::size_t name_begin = pos + 1;
    if (name_begin < body.size() && body[name_begin] == '/')
      ++name_begin;
    std::size_t name_end = name_begin;
    while (name_end < body.size() &&
           (text::is_ascii_alpha(body[name_end]) || text::is_ascii_digit(body[name_end]))) {
      ++name_end;
    }
    if (name_end == name_begin || name_end >= body.size() || !is_tag_end(body[name_end]))
      continue;
    const std::string name = text::ascii_lower(body.substr(name_begin, name_end - name_begin));
    for (std::string_view tag : kBlockTags) {
      if (name == tag)
        return true;
    }
  }
  return false;
}

bool is_markdown_line(std::string_view line) {
  const std::size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos)
    return false;
  line.remove_prefix(first);
  if (line.starts_with("```") || line.starts_with("~~~"))
    return true;
  if (line[0] == '#') {
    std::size_t hashes = line.find_first_not_of('#');
    return hashes <= 6 && hashes < line.size() && line[hashes] == ' ';
  }
  if (line[0] == '|' && line.find('|', 1) != std::string_view::npos)
    return true;
  const std::size_t bracket = line.find('[');
  if (bracket != std::string_view::npos && line.find("](", bracket) != std::string_view::npos) {
    return true;
  }
  return line.find("<http://") != std::string_view::npos ||
         line.find("<https://") != std::string_view::npos;
}

}  // namespace

std::string_view to_string(Format format) {
  switch (format) {
    case Format::html:
      return "html";
    case Format::markdown:
      return "markdown";
    case Format::text:
      return "text";
  }
  return "text";
}

Format detect_format(std::string_view body) {
  if (has_html_block_tag(body))
    return Format::html;
  text::LineReader lines(body);
  std::string_view line;
  while (lines.next(line)) {
    if (is_markdown_line(line))
      return Format::markdown;
  }
  return Format::text;
}

}  // namespace corpus_clean

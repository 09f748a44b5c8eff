// Splitting front matter from the body, line by line over a string_view (no copies).
#include "document/front_matter.hpp"

#include <string>

#include "text/line_reader.hpp"
#include "text/strings.hpp"

namespace corpus_clean {
namespace {

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

}  // namespace

Result<FrontMatterSplit> split_front_matter(std::string_view text) {
  FrontMatterSplit split;
  split.body = text;

  // Skip leading blank lines: real Hexo files start with one.
  text::LineReader lines(text);
  std::string_view line;
  int line_no = 0;
  do {
    if (!lines.next(line))
      return split;
    ++line_no;
  } while (is_blank(line));

  const std::string_view fence = text::trim_right(line);
  FrontMatterKind kind;
  if (fence == "---") {
    kind = FrontMatterKind::yaml;
  } else if (fence == "+++") {
    kind = FrontMatterKind::toml;
  } else if (fence == ";;;") {
    kind = FrontMatterKind::json;
  } else {
    return split;
  }
  const int open_line = line_no;
  const std::size_t raw_begin = lines.position();
  std::size_t line_begin = raw_begin;
  while (lines.next(line)) {
    const std::string_view closing = text::trim_right(line);
    if (closing == fence || (kind == FrontMatterKind::yaml && closing == "...")) {
      split.kind = kind;
      split.raw = text.substr(raw_begin, line_begin - raw_begin);
      split.body = text.substr(lines.position());
      split.raw_first_line = open_line + 1;
      return split;
    }
    line_begin = lines.position();
  }
  return make_error(ErrorCode::unterminated_front_matter, Stage::front_matter,
                    "front matter opened with '" + std::string(fence) + "' at line " +
                        std::to_string(open_line) + " is never closed");
}

}  // namespace corpus_clean

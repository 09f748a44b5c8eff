// Splitting front matter from the body, line by line over a string_view (no copies).
#include "corpus_clean/front_matter.hpp"

#include <string>

namespace corpus_clean {
namespace {

// The line starting at `pos` (without its '\n'), and where the next one starts.
std::string_view line_at(std::string_view text, std::size_t pos, std::size_t* next) {
  const std::size_t end = text.find('\n', pos);
  if (end == std::string_view::npos) {
    *next = text.size();
    return text.substr(pos);
  }
  *next = end + 1;
  return text.substr(pos, end - pos);
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

}  // namespace

Result<FrontMatterSplit> split_front_matter(std::string_view text) {
  FrontMatterSplit split;
  split.body = text;

  // Skip leading blank lines: real Hexo files start with one.
  std::size_t pos = 0;
  int line_no = 1;
  std::size_t next = 0;
  std::string_view line;
  while (pos < text.size()) {
    line = line_at(text, pos, &next);
    if (!is_blank(line))
      break;
    pos = next;
    ++line_no;
  }
  if (pos >= text.size())
    return split;

  const std::string_view fence = trim_right(line);
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
  const std::size_t raw_begin = next;
  pos = next;
  ++line_no;
  while (pos < text.size()) {
    line = line_at(text, pos, &next);
    const std::string_view closing = trim_right(line);
    if (closing == fence || (kind == FrontMatterKind::yaml && closing == "...")) {
      split.kind = kind;
      split.raw = text.substr(raw_begin, pos - raw_begin);
      split.body = text.substr(next);
      split.raw_first_line = open_line + 1;
      return split;
    }
    pos = next;
    ++line_no;
  }
  return make_error(ErrorCode::unterminated_front_matter, Stage::front_matter,
                    "front matter opened with '" + std::string(fence) + "' at line " +
                        std::to_string(open_line) + " is never closed");
}

}  // namespace corpus_clean

// Markdown to blocks: a line-based reader for the structure news posts use (headings,
// paragraphs, lists, block quotes, tables, fenced code), plus the inline-syntax pass.
#include <algorithm>
#include <cctype>

#include "extract/extract.hpp"
#include "extract/inline_markdown.hpp"
#include "text/line_reader.hpp"
#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace detail {
namespace {

// How far a link label, a link target or an inline tag may reach (CommonMark bounds labels at
// 999 characters too).
constexpr std::size_t kMaxSpan = 2048;

// The characters a line's searches for closing ']', ')' and '>' may read in all, past which
// '[', '(' and '<' are taken literally. Each search is bounded by kMaxSpan, but a line of a
// million '[' would still cost kMaxSpan reads per character (minutes for a large file); real
// lines, whose links close soon, stay far below this.
std::size_t search_budget(std::size_t line_size) {
  return 32 * line_size + 8 * kMaxSpan;
}

// The end of a search from `open`: kMaxSpan on, or sooner when the budget runs out.
std::size_t search_end(std::string_view s, std::size_t open, std::size_t budget) {
  return open + std::min({s.size() - open, kMaxSpan, budget});
}

// Charges the reads of a search from `open` that stopped at `stop` (npos: at `end`).
std::size_t charged(std::size_t stop, std::size_t open, std::size_t end, std::size_t& budget) {
  budget -= (stop == std::string_view::npos ? end : stop + 1) - open;
  return stop;
}

// The index just past the ')' closing a link target that starts at `open` ('('), or npos.
std::size_t find_target_end(std::string_view s, std::size_t open, std::size_t& budget) {
  int depth = 0;
  const std::size_t end = search_end(s, open, budget);
  for (std::size_t i = open; i < end; ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '(') {
      ++depth;
    } else if (s[i] == ')') {
      if (--depth == 0)
        return charged(i, open, end, budget) + 1;
    } else if (s[i] == '\n') {
      charged(i, open, end, budget);
      return std::string_view::npos;
    }
  }
  return charged(std::string_view::npos, open, end, budget);
}

// The index of the ']' closing a label that starts at `open` ('['), or npos.
std::size_t find_label_end(std::string_view s, std::size_t open, std::size_t& budget) {
  int depth = 0;
  const std::size_t end = search_end(s, open, budget);
  for (std::size_t i = open; i < end; ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '[') {
      ++depth;
    } else if (s[i] == ']') {
      if (--depth == 0)
        return charged(i, open, end, budget);
    }
  }
  return charged(std::string_view::npos, open, end, budget);
}

// The URL part of a link target "(url "title")".
std::string_view target_url(std::string_view target) {
  target = text::trim(target.substr(1, target.size() - 2));
  if (!target.empty() && target.front() == '<') {
    const std::size_t close = target.find('>');
    return close == std::string_view::npos ? target.substr(1) : target.substr(1, close - 1);
  }
  const std::size_t space = target.find(' ');
  return space == std::string_view::npos ? target : target.substr(0, space);
}

bool is_autolink_body(std::string_view s) {
  if (text::starts_with_ignoring_case(s, "http://") ||
      text::starts_with_ignoring_case(s, "https://") ||
      text::starts_with_ignoring_case(s, "ftp://") ||
      text::starts_with_ignoring_case(s, "mailto:")) {
    return s.find_first_of(" \t<") == std::string_view::npos;
  }
  const std::size_t at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos &&
         s.find_first_of(" \t<") == std::string_view::npos;
}

bool is_tag_start(std::string_view s, std::size_t i) {
  if (i + 1 >= s.size())
    return false;
  const char c = s[i + 1];
  return text::is_ascii_alpha(c) || c == '/' || c == '!';
}

std::string inline_to_text(std::string_view line, Extraction& sink, bool decode_references,
                           std::size_t& budget) {
  std::string raw;  // with entities still encoded
  raw.reserve(line.size());
  std::size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == '\\' && i + 1 < line.size() && std::ispunct(static_cast<unsigned char>(line[i + 1]))) {
      raw += line[i + 1];
      i += 2;
    } else if (c == '!' && i + 1 < line.size() && line[i + 1] == '[') {
      const std::size_t label_end = find_label_end(line, i + 1, budget);
      if (label_end != std::string_view::npos && label_end + 1 < line.size() &&
          line[label_end + 1] == '(') {
        const std::size_t target_end = find_target_end(line, label_end + 1, budget);
        if (target_end != std::string_view::npos) {
          const std::string_view url =
              target_url(line.substr(label_end + 1, target_end - label_end - 1));
          if (!url.empty())
            sink.images.emplace_back(url);
          i = target_end;
          continue;
        }
      }
      raw += c;
      ++i;
    } else if (c == '[') {
      const std::size_t label_end = find_label_end(line, i, budget);
      if (label_end != std::string_view::npos && label_end + 1 < line.size() &&
          line[label_end + 1] == '(') {
        const std::size_t target_end = find_target_end(line, label_end + 1, budget);
        if (target_end != std::string_view::npos) {
          raw += inline_to_text(line.substr(i + 1, label_end - i - 1), sink, false, budget);
          i = target_end;
          continue;
        }
      }
      raw += c;
      ++i;
    } else if (c == '<') {
      const std::size_t end = search_end(line, i, budget);
      const std::size_t close = charged(line.substr(0, end).find('>', i + 1), i, end, budget);
      if (close == i + 1) {  // "<>": an empty autolink
        i = close + 1;
        continue;
      }
      if (close != std::string_view::npos) {
        const std::string_view inside = line.substr(i + 1, close - i - 1);
        if (is_autolink_body(inside)) {
          sink.url_candidates.emplace_back(inside);
          raw.append(inside);
          i = close + 1;
          continue;
        }
        if (is_tag_start(line, i)) {  // inline HTML: the tag goes, its content stays
          if (!raw.empty() && text::starts_with_ignoring_case(inside, "br"))
            raw += ' ';
          i = close + 1;
          continue;
        }
      }
      raw += c;
      ++i;
    } else if ((c == '*' || c == '_') && i + 1 < line.size() && line[i + 1] == c) {
      i += 2;  // strong emphasis markers
    } else if (c == '`') {
      ++i;
    } else {
      raw += c;
      ++i;
    }
  }
  std::string collapsed;
  text_util::append_collapsed(collapsed, decode_references ? text_util::decode_entities(raw) : raw);
  return std::string(text::trim(collapsed));
}

}  // namespace

std::string markdown_inline_to_text(std::string_view line, Extraction& sink,
                                    bool decode_references) {
  std::size_t budget = search_budget(line.size());
  return inline_to_text(line, sink, decode_references, budget);
}

}  // namespace detail

namespace {

std::string_view strip_indent(std::string_view line) {
  const std::size_t first = line.find_first_not_of(" \t");
  return first == std::string_view::npos ? std::string_view() : line.substr(first);
}

bool is_thematic_break(std::string_view line) {
  line = text::trim(line);
  if (line.size() < 3)
    return false;
  const char mark = line[0];
  if (mark != '-' && mark != '*' && mark != '_')
    return false;
  std::size_t count = 0;
  for (char c : line) {
    if (c == mark) {
      ++count;
    } else if (c != ' ' && c != '\t') {
      return false;
    }
  }
  return count >= 3;
}

bool is_table_separator(std::string_view line) {
  return line.find('-') != std::string_view::npos &&
         line.find_first_not_of("|-: \t") == std::string_view::npos;
}

// The length of a list marker and the space after it ("- ", "1. ", "2) "), or 0.
std::size_t list_marker_length(std::string_view line, bool* ordered) {
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') &&
      (line[1] == ' ' || line[1] == '\t')) {
    *ordered = false;
    return 2;
  }
  std::size_t digits = 0;
  while (digits < line.size() && digits < 9 && text::is_ascii_digit(line[digits])) {
    ++digits;
  }
  if (digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
      (line[digits + 1] == ' ' || line[digits + 1] == '\t')) {
    *ordered = true;
    return digits + 2;
  }
  return 0;
}

// Splits `text` at <br> tags (any case, with or without a slash).
std::vector<std::string_view> split_at_br(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 3 < text.size(); ++i) {
    if (text[i] == '<' && (text[i + 1] == 'b' || text[i + 1] == 'B') &&
        (text[i + 2] == 'r' || text[i + 2] == 'R')) {
      const std::size_t close = text.find('>', i);
      if (close == std::string_view::npos)
        break;
      const std::string_view inside = text.substr(i + 3, close - i - 3);
      if (inside.find_first_not_of(" /") != std::string_view::npos)
        continue;
      parts.push_back(text.substr(start, i - start));
      start = close + 1;
      i = close;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

class MarkdownReader {
 public:
  Extraction run(std::string_view body) {
    text::LineReader lines(body);
    std::string_view next;
    while (lines.next(next))
      line(next);
    flush();
    return std::move(out_);
  }

 private:
  void line(std::string_view raw_line) {
    if (in_fence_) {
      if (strip_indent(raw_line).starts_with(fence_)) {
        in_fence_ = false;
      } else if (!text::trim(raw_line).empty()) {
        out_.blocks.push_back(Block{BlockKind::code, std::string(text::trim(raw_line)), 0});
      }
      return;
    }
    const std::string_view line = strip_indent(raw_line);
    if (line.empty()) {
      flush();
      return;
    }
    if (line.starts_with("```") || line.starts_with("~~~")) {
      flush();
      in_fence_ = true;
      fence_ = line.substr(0, 3);
      return;
    }
    if (line[0] == '#') {
      const std::size_t hashes = line.find_first_not_of('#');
      if (hashes <= 6 && hashes < line.size() && line[hashes] == ' ') {
        flush();
        std::string_view heading = text::trim(line.substr(hashes));
        while (!heading.empty() && heading.back() == '#')
          heading.remove_suffix(1);
        push(BlockKind::heading, heading, static_cast<int>(hashes));
        return;
      }
    }
    if (line[0] == '|') {
      flush();
      if (!is_table_separator(line))
        table_row(line);
      return;
    }
    if (is_thematic_break(line)) {
      // A '---' under a single paragraph line makes that line a heading (setext).
      if (kind_ == BlockKind::paragraph && lines_ == 1 && line[0] == '-') {
        kind_ = BlockKind::heading;
        level_ = 2;
      }
      flush();
      return;
    }
    if (line.find_first_not_of('=') == std::string_view::npos && lines_ == 1 &&
        kind_ == BlockKind::paragraph) {
      kind_ = BlockKind::heading;
      level_ = 1;
      flush();
      return;
    }
    if (line[0] == '>') {
      std::string_view quoted = strip_indent(line.substr(1));
      if (kind_ != BlockKind::quote)
        flush();
      kind_ = BlockKind::quote;
      if (quoted.empty()) {
        flush();
        kind_ = BlockKind::quote;
      } else {
        add(quoted);
      }
      return;
    }
    bool ordered = false;
    if (const std::size_t marker = list_marker_length(line, &ordered)) {
      flush();
      kind_ = BlockKind::list_item;
      add(ordered ? line : line.substr(marker));
      return;
    }
    if (kind_ == BlockKind::quote)
      flush();
    add(line);
  }

  void add(std::string_view text) {
    // A <br> ends the line it is on: what follows starts a new block.
    const std::vector<std::string_view> parts = split_at_br(text);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      if (k > 0) {
        const BlockKind kind = kind_;
        flush();
        kind_ = kind;
      }
      text_util::append_soft_line(pending_, parts[k]);
      ++lines_;
    }
  }

  void table_row(std::string_view line) {
    std::string row;
    std::size_t start = 1;
    while (start < line.size()) {
      std::size_t bar = start;
      while (bar < line.size() && !(line[bar] == '|' && line[bar - 1] != '\\'))
        ++bar;
      std::string cell;
      for (std::string_view part : split_at_br(line.substr(start, bar - start))) {
        if (!cell.empty())
          cell += ' ';
        cell += detail::markdown_inline_to_text(part, out_);
      }
      if (!text::trim(cell).empty()) {
        if (!row.empty())
          row += ' ';
        row.append(text::trim(cell));
      }
      start = bar + 1;
    }
    if (!row.empty())
      out_.blocks.push_back(Block{BlockKind::table_row, std::move(row), 0});
  }

  void push(BlockKind kind, std::string_view text, int level) {
    std::string clean = detail::markdown_inline_to_text(text, out_);
    if (!clean.empty())
      out_.blocks.push_back(Block{kind, std::move(clean), level});
  }

  void flush() {
    if (!pending_.empty())
      push(kind_, pending_, level_);
    pending_.clear();
    kind_ = BlockKind::paragraph;
    level_ = 0;
    lines_ = 0;
  }

  Extraction out_;
  std::string pending_;
  BlockKind kind_ = BlockKind::paragraph;
  int level_ = 0;
  int lines_ = 0;
  bool in_fence_ = false;
  std::string_view fence_;
};

}  // namespace

Extraction extract_markdown(std::string_view body) {
  return MarkdownReader().run(body);
}

}  // namespace corpus_clean

// Reads text line by line, without the '\n's; text after the last '\n' is a line when not empty.
//   LineReader lines(text); std::string_view line; while (lines.next(line)) ...
#pragma once

#include <cstddef>
#include <string_view>

namespace corpus_clean::text {

class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool next(std::string_view& line) {
    if (pos_ >= text_.size())
      return false;
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos)
      end = text_.size();
    line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return true;
  }
  // Where the next line starts (the text's size at the end).
  std::size_t position() const { return pos_ < text_.size() ? pos_ : text_.size(); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace corpus_clean::text

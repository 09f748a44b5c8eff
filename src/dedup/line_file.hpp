// A record file read line by line in bounded memory: plain, or gzip or zstd by its name
// (.gz, .zst; concatenated streams as `cat` makes them), as `corpus-clean dedup` reads its
// inputs, which can be far larger than memory.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "corpus_clean/error.hpp"

namespace corpus_clean {

class LineFile {
 public:
  static Result<std::unique_ptr<LineFile>> open(const std::string& path);
  ~LineFile();
  LineFile(const LineFile&) = delete;
  LineFile& operator=(const LineFile&) = delete;

  // The next line, without its '\n' (a last line without one too). False at the end, or when
  // the file cannot be read or decompressed further: error() then says why.
  bool next(std::string& line);
  const std::optional<Error>& error() const { return error_; }
  std::uint64_t line_number() const { return line_number_; }

  class Decoder;  // gzip or zstd

 private:
  LineFile() = default;
  bool fill();  // more bytes into buffer_; false at the end or on an error
  std::FILE* file_ = nullptr;
  std::unique_ptr<Decoder> decoder_;
  std::string buffer_;
  std::size_t start_ = 0;  // where the unread bytes of buffer_ begin
  bool eof_ = false;
  std::uint64_t line_number_ = 0;
  std::optional<Error> error_;
};

}  // namespace corpus_clean

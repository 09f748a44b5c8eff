// The one writer: stdout or a file written under a temporary name in the same directory and
// renamed into place only when the run succeeds, so a failed run leaves no partial output.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "corpus_clean/error.hpp"

namespace corpus_clean {

class OutputSink {
 public:
  // "-" is stdout.
  static Result<std::unique_ptr<OutputSink>> open(const std::string& path);
  ~OutputSink();  // discards the temporary file unless commit() succeeded

  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;

  // False once a write failed; error() then says why. A reader that closed the pipe is
  // reported by reader_gone() instead, which is not a failure.
  bool write(std::string_view bytes);
  // Flushes, and for a file renames the temporary into place.
  bool commit();

  bool reader_gone() const { return reader_gone_; }
  const std::optional<Error>& error() const { return error_; }

 private:
  OutputSink() = default;
  bool fail(const std::string& what, int errnum);

  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  bool is_stdout_ = false;
  bool committed_ = false;
  bool reader_gone_ = false;
  std::optional<Error> error_;
};

}  // namespace corpus_clean

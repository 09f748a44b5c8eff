// The one writer: stdout or a file written under a temporary name in the same directory and
// renamed into place only when the run succeeds, so a failed run leaves no partial output.
// A file name ending in `.gz` or `.zst` is written compressed (zlib, libzstd).
//
// An interrupted run leaves nothing either: while the temporary file exists, SIGINT, SIGTERM
// and SIGHUP remove it and end the process by the same signal (a shell reports 128 + its
// number), unless the process had its own disposition for that signal (SIG_IGN under nohup,
// or a handler of a program embedding the library), which is then left alone. This is the one
// process-wide state of the library: a static copy of the temporary path that the handler can
// read without allocating, set and cleared with the signals blocked.
#pragma once

#include <cstdint>
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

  class Compressor;  // gzip or zstd, chosen by the file name

  bool reader_gone() const { return reader_gone_; }
  std::uint64_t bytes_written() const { return bytes_in_; }   // before compression
  std::uint64_t bytes_on_disk() const { return bytes_out_; }  // after compression
  const std::optional<Error>& error() const { return error_; }

 private:
  OutputSink();
  bool fail(const std::string& what, int errnum);
  bool put(const char* data, std::size_t size);  // raw bytes to the file
  std::unique_ptr<Compressor> compressor_;
  std::uint64_t bytes_in_ = 0;
  std::uint64_t bytes_out_ = 0;

  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  bool is_stdout_ = false;
  bool committed_ = false;
  bool reader_gone_ = false;
  bool signals_armed_ = false;  // this sink's temporary file is the one the handler removes
  std::optional<Error> error_;
};

}  // namespace corpus_clean

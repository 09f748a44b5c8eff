// Expected failures as values: an Error names the stage and the problem, Result<T> carries
// either a value or an Error. Exceptions are kept for the truly exceptional.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace corpus_clean {

// Where in the pipeline (docs/DESIGN.md §3) a document failed.
enum class Stage {
  discover,
  read,
  decode,
  front_matter,
  yaml,
  extract,
  rules,
  normalize,
  write,
};

// What went wrong. One table in error.cpp maps each code to its stable name.
enum class ErrorCode {
  not_found,
  unreadable,
  not_a_regular_file,
  too_large,
  binary_input,
  input_is_output,
  invalid_utf8,
  unterminated_front_matter,
  yaml_syntax,
  yaml_limit,
  html_too_deep,
  invalid_option,
  io_error,
  icu_error,
  malformed_record,      // a container's record cannot be read: WARC or HTTP head, JSON line
  truncated,             // the container ends inside a record
  unsupported_encoding,  // a payload's Content-Encoding that cannot be undone (br)
};

std::string_view to_string(Stage stage);
std::string_view to_string(ErrorCode code);

// Where a document is inside a container (a WARC file, a JSON Lines dump), for the messages
// and the --errors log of a failure there.
struct RecordPlace {
  std::string record;                   // the record's own id, when known: its WARC-Record-ID,
                                        // a row's id field
  std::optional<std::uint64_t> offset;  // WARC: the record's byte offset in the file (of its
                                        // gzip member or zstd frame in a compressed file)
  std::optional<std::uint64_t> line;    // JSON Lines: the row's line number, from 1

  // "record <urn:uuid:…> at offset 1234", "line 12 (id 7)".
  std::string describe() const;
};

struct Error {
  ErrorCode code;
  Stage stage;
  std::string detail;                     // a human-readable sentence, no path in it
  std::string path;                       // filled in by the pipeline, which knows the document
  std::optional<RecordPlace> place = {};  // inside a container: which of its records

  // "PATH: detail", "PATH: PLACE: detail" inside a container (or just the detail when no path
  // is known).
  std::string message() const;
};

// A value or an Error; RE2-style: check ok() before reading value().
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const Error& error() const { return std::get<Error>(state_); }
  Error&& take_error() && { return std::get<Error>(std::move(state_)); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> state_;
};

inline Error make_error(ErrorCode code, Stage stage, std::string detail) {
  return Error{code, stage, std::move(detail), {}};
}

}  // namespace corpus_clean

// Expected failures as values: an Error names the stage and the problem, Result<T> carries
// either a value or an Error. Exceptions are kept for the truly exceptional.
#pragma once

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
};

std::string_view to_string(Stage stage);
std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code;
  Stage stage;
  std::string detail;  // a human-readable sentence, no path in it
  std::string path;    // filled in by the pipeline, which knows the document

  // "PATH: detail" (or just the detail when no path is known).
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

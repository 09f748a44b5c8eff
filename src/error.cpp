// The one code→name table for stages and error codes, and Error's message.
#include "corpus_clean/error.hpp"

namespace corpus_clean {

std::string_view to_string(Stage stage) {
  switch (stage) {
    case Stage::discover:
      return "discover";
    case Stage::read:
      return "read";
    case Stage::decode:
      return "decode";
    case Stage::front_matter:
      return "front_matter";
    case Stage::yaml:
      return "yaml";
    case Stage::extract:
      return "extract";
    case Stage::rules:
      return "rules";
    case Stage::normalize:
      return "normalize";
    case Stage::write:
      return "write";
  }
  return "unknown";
}

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::unreadable:
      return "unreadable";
    case ErrorCode::not_a_regular_file:
      return "not_a_regular_file";
    case ErrorCode::too_large:
      return "too_large";
    case ErrorCode::binary_input:
      return "binary_input";
    case ErrorCode::input_is_output:
      return "input_is_output";
    case ErrorCode::invalid_utf8:
      return "invalid_utf8";
    case ErrorCode::unterminated_front_matter:
      return "unterminated_front_matter";
    case ErrorCode::yaml_syntax:
      return "yaml_syntax";
    case ErrorCode::yaml_limit:
      return "yaml_limit";
    case ErrorCode::html_too_deep:
      return "html_too_deep";
    case ErrorCode::invalid_option:
      return "invalid_option";
    case ErrorCode::io_error:
      return "io_error";
    case ErrorCode::icu_error:
      return "icu_error";
    case ErrorCode::malformed_record:
      return "malformed_record";
    case ErrorCode::truncated:
      return "truncated";
    case ErrorCode::unsupported_encoding:
      return "unsupported_encoding";
  }
  return "unknown";
}

std::string RecordPlace::describe() const {
  std::string out;
  if (line) {
    out = "line " + std::to_string(*line);
    if (!record.empty())
      out += " (id " + record + ")";
    return out;
  }
  out = record.empty() ? "record" : "record " + record;
  if (offset)
    out += " at offset " + std::to_string(*offset);
  return out;
}

std::string Error::message() const {
  const std::string where = place ? place->describe() + ": " : "";
  return path.empty() ? where + detail : path + ": " + where + detail;
}

}  // namespace corpus_clean

// N15: where the URLs and e-mail addresses of a line are, judged as a second pass sees the line.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "normalize/line.hpp"

namespace corpus_clean::normalize_detail {

// Byte offsets into a line, [begin, end).
struct Span {
  std::size_t begin;
  std::size_t end;
  friend bool operator==(const Span&, const Span&) = default;
};

// A URL or e-mail address, as byte offsets into its line. The walk meets it at its trigger and
// copies it unchanged from there to its end. The part before the trigger (a scheme, "www", a
// local part) the walk has copied already, through the rules: no rule changes its ASCII letters,
// digits and . _ % + - there, N1 makes its full-width letters and digits ASCII and N13 drops its
// invisible characters, which is how the finder judged the part.
struct UrlSpan {
  std::size_t begin;    // where the scheme, "www" or the local part starts
  std::size_t trigger;  // the ':' of "://", the '.' of "www." or the '@'
  std::size_t end;      // past the last byte, sentence punctuation after it left out
  friend bool operator==(const UrlSpan&, const UrlSpan&) = default;
};

// The URL or e-mail address that the ':', '.' or '@' at `trigger` is the trigger of, if any.
// Looks left and right of the trigger only, so the walk can ask as it meets each one. A second
// pass must find the same spans, so the test runs on the line as that pass will see it: a
// full-width letter or digit counts as the ASCII N1 makes of it, an N13 character as absent.
std::optional<UrlSpan> url_span_at(const Line& line, std::size_t trigger);

// Every URL and e-mail address of `line` from left to right, as the walk meets them: a ':', '.'
// or '@' inside a span found already is no trigger.
std::vector<UrlSpan> url_spans(const Line& line);

}  // namespace corpus_clean::normalize_detail

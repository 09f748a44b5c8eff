// The rules engine's first pass over a block: loosened patterns in an anchored and an
// unanchored RE2::Set (rule_filter.hpp says why).
#include "rules/rule_filter.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace corpus_clean {

RE2::Options pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(RE2::Options::EncodingUTF8);
  return options;
}

std::unique_ptr<RE2::Set> make_set(RE2::Anchor anchor) {
  RE2::Options options = pattern_options();
  options.set_max_mem(std::int64_t{64} << 20);
  return std::make_unique<RE2::Set>(options, anchor);
}

namespace {

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// The length of the counted repetition {n}, {n,} or {n,m} at the start of `s`, or 0;
// `allows_none` tells whether n is 0.
std::size_t counted_repetition(std::string_view s, bool& allows_none) {
  if (s.size() < 3 || s[0] != '{' || !is_digit(s[1]))
    return 0;
  allows_none = true;
  std::size_t i = 1;
  for (; i < s.size() && is_digit(s[i]); ++i)
    allows_none = allows_none && s[i] == '0';
  if (i < s.size() && s[i] == ',') {
    ++i;
    while (i < s.size() && is_digit(s[i]))
      ++i;
  }
  return i < s.size() && s[i] == '}' ? i + 1 : 0;
}

// The length of the escape at the start of `s` (which begins with a backslash): \p{Han},
// \x{4E00}, \Q...\E, or the backslash and the byte after it.
std::size_t escape_length(std::string_view s) {
  if (s.size() < 2)
    return s.size();
  const char c = s[1];
  if ((c == 'p' || c == 'P' || c == 'x') && s.size() > 2 && s[2] == '{') {
    const std::size_t close = s.find('}', 3);
    return close == std::string_view::npos ? s.size() : close + 1;
  }
  if (c == 'Q') {
    const std::size_t end = s.find("\\E", 2);
    return end == std::string_view::npos ? s.size() : end + 2;
  }
  return 2;
}

// The length of the character class at the start of `s` (which begins with [), up to and
// with its closing ]: a ] first in the class is a member, as are escapes and [:alpha:].
std::size_t class_length(std::string_view s) {
  std::size_t i = 1;
  if (i < s.size() && s[i] == '^')
    ++i;
  if (i < s.size() && s[i] == ']')
    ++i;
  while (i < s.size() && s[i] != ']') {
    if (s[i] == '\\') {
      i += escape_length(s.substr(i));
    } else if (s.compare(i, 2, "[:") == 0) {
      const std::size_t close = s.find(":]", i + 2);
      i = close == std::string_view::npos ? i + 1 : close + 2;
    } else {
      ++i;
    }
  }
  return std::min(i + 1, s.size());
}

}  // namespace

std::string loosen_repetitions(std::string_view pattern) {
  std::string loose;
  loose.reserve(pattern.size());
  std::size_t i = 0;
  while (i < pattern.size()) {
    const std::string_view rest = pattern.substr(i);
    std::size_t n = 1;
    bool allows_none = false;
    if (rest[0] == '\\') {
      n = escape_length(rest);
    } else if (rest[0] == '[') {
      n = class_length(rest);
    } else if (const std::size_t counted = counted_repetition(rest, allows_none); counted != 0) {
      loose += allows_none ? '*' : '+';
      i += counted;
      continue;
    }
    loose.append(rest.substr(0, n));
    i += n;
  }
  return loose;
}

bool anchored_at_start(std::string_view pattern) {
  int depth = 0;
  bool alternative_starts = true;
  for (std::size_t i = 0; i < pattern.size();) {
    const std::string_view rest = pattern.substr(i);
    if (alternative_starts) {
      if (rest[0] == '^')
        i += 1;
      else if (rest.compare(0, 2, "\\A") == 0)
        i += 2;
      else
        return false;
      alternative_starts = false;
      continue;
    }
    switch (rest[0]) {
      case '\\':
        i += escape_length(rest);
        continue;
      case '[':
        i += class_length(rest);
        continue;
      case '(':
        if (rest.compare(0, 2, "(?") == 0 && rest.size() > 2 && rest[2] != 'P') {
          // Flags: (?m) or (?m:...) would let ^ match after a newline inside the block.
          const std::string_view flags = rest.substr(2, rest.find_first_of(":)", 2) - 2);
          if (flags.find('m') != std::string_view::npos)
            return false;
        }
        ++depth;
        break;
      case ')':
        --depth;
        break;
      case '|':
        alternative_starts = depth == 0;
        break;
      default:
        break;
    }
    ++i;
  }
  return !alternative_starts;
}

std::unique_ptr<const RuleFilter> RuleFilter::build(const std::vector<const RE2*>& patterns,
                                                    std::string& error) {
  std::unique_ptr<RuleFilter> filter(new RuleFilter());
  for (std::size_t k = 0; k < patterns.size(); ++k) {
    const RE2& regex = *patterns[k];
    if (!regex.ok()) {
      error = "bad pattern '" + regex.pattern() + "': " + regex.error();
      return nullptr;
    }
    const std::string& pattern = regex.pattern();
    Part& part = anchored_at_start(pattern) ? filter->anchored_ : filter->unanchored_;
    // Should RE2 refuse a loosened pattern, the pattern goes in as written.
    if (part.set->Add(loosen_repetitions(pattern), nullptr) < 0 &&
        part.set->Add(pattern, &error) < 0) {
      error = "bad pattern '" + pattern + "': " + error;
      return nullptr;
    }
    part.index.push_back(static_cast<int>(k));
  }
  for (Part* part : {&filter->anchored_, &filter->unanchored_}) {
    if (!part->index.empty() && !part->set->Compile()) {
      error = "the rule set's patterns are too large to compile together";
      return nullptr;
    }
  }
  error.clear();
  return filter;
}

std::vector<int> RuleFilter::candidates(std::string_view text) const {
  std::vector<int> hits;
  std::vector<int> found;
  for (const Part* part : {&anchored_, &unanchored_}) {
    if (part->index.empty())
      continue;
    part->set->Match(re2::StringPiece(text.data(), text.size()), &found);
    for (int f : found)
      hits.push_back(part->index[static_cast<std::size_t>(f)]);
  }
  std::sort(hits.begin(), hits.end());
  return hits;
}

}  // namespace corpus_clean

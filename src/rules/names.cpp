// Splitting harvested name lists (names.hpp).
#include "rules/names.hpp"

#include <re2/re2.h>

#include <algorithm>

#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

constexpr std::size_t kShortList = 16;  // names searched one by one before an index pays

bool is_staff_code(std::string_view token, const Vocabulary& vocabulary) {
  const re2::StringPiece piece(token.data(), token.size());
  return std::any_of(vocabulary.staff_codes.begin(), vocabulary.staff_codes.end(),
                     [&](const auto& shape) { return RE2::FullMatch(piece, *shape); });
}

bool is_role_word(std::string_view token, const Vocabulary& vocabulary) {
  return std::find(vocabulary.role_words.begin(), vocabulary.role_words.end(), token) !=
         vocabulary.role_words.end();
}

bool is_name_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

// The pieces of one group between separators: split at spaces, role words and staff codes
// dropped, and a run of one-character pieces joined back into the one name it is ("杨 洁").
std::vector<std::string> group_names(std::string_view group, const Vocabulary& vocabulary) {
  std::vector<std::string> pieces;
  std::string piece;
  for (std::size_t i = 0; i < group.size();) {
    const std::size_t start = i;
    if (is_name_space(text::next_code_point(group, i))) {
      if (!piece.empty())
        pieces.push_back(std::move(piece));
      piece.clear();
    } else {
      piece.append(group.substr(start, i - start));
    }
  }
  if (!piece.empty())
    pieces.push_back(std::move(piece));
  std::erase_if(pieces, [&](const std::string& p) {
    return is_staff_code(p, vocabulary) || is_role_word(p, vocabulary);
  });
  std::vector<std::string> merged;
  bool previous_single = false;
  for (std::string& p : pieces) {
    const bool single = text::first_code_points(p, 1).size() == p.size();
    if (single && previous_single) {
      merged.back() += p;
    } else {
      merged.push_back(std::move(p));
    }
    previous_single = single;
  }
  return merged;
}

}  // namespace

std::string clean_value(std::string_view value) {
  return std::string(
      text::trim_any(value, {" ", "\t", "\u3000", "\u00A0", "【", "】", "（", "）", "(",  ")", "[",
                             "]", "|",  "丨",     "：",     ":",  "，", ",",  "。", "；", ";"}));
}

std::string clean_source(std::string_view value, const Vocabulary& vocabulary) {
  std::string source(value);
  for (const auto& noise : vocabulary.source_noise)
    RE2::GlobalReplace(&source, *noise, "");
  source = clean_value(source);
  return text::count_code_points(source) < 2 ? std::string() : source;
}

void add_unique(std::vector<std::string>& list, std::unordered_set<std::string>& index,
                std::string value) {
  if (value.empty())
    return;
  if (list.size() < kShortList) {
    if (std::find(list.begin(), list.end(), value) != list.end())
      return;
  } else {
    if (index.empty())
      index.insert(list.begin(), list.end());
    if (!index.insert(value).second)
      return;
  }
  list.push_back(std::move(value));
}

std::vector<std::string> split_names(std::string_view text, const Vocabulary& vocabulary) {
  std::vector<std::string> names;
  std::unordered_set<std::string> index;
  auto flush_group = [&](std::string_view group) {
    for (std::string& p : group_names(group, vocabulary)) {
      std::string cleaned = clean_value(p);
      if (!cleaned.empty())
        add_unique(names, index, std::move(cleaned));
    }
  };
  const std::vector<char32_t>& separators = vocabulary.name_separators;
  std::size_t group_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = text::next_code_point(text, i);
    if (std::find(separators.begin(), separators.end(), cp) != separators.end()) {
      flush_group(text.substr(group_start, start - group_start));
      group_start = i;
    }
  }
  flush_group(text.substr(group_start));
  return names;
}

}  // namespace corpus_clean

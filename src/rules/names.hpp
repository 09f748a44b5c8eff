// Names out of harvested bylines and editor lines: splitting a list, dropping what is not a name.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "rules/vocabulary.hpp"

namespace corpus_clean {

// A harvested value trimmed of spaces and of the brackets and separators around it.
std::string clean_value(std::string_view value);

// A harvested source reduced to the publisher's name: what the vocabulary's `source_noise`
// patterns match is removed, pattern by pattern, and the rest trimmed (`某某新闻综合自A、B` →
// `某某新闻`, `经济日报记者 NAME` → `经济日报`). Empty when fewer than two characters are left.
std::string clean_source(std::string_view value, const Vocabulary& vocabulary);

// Splits a harvested list of names ("李跃群、张亚楠", "赵觉珵 胡雨薇") into names: on the
// vocabulary's separators, then on spaces unless every piece is one character (a name written
// with a space inside: "杨 洁"); role words and staff codes (SF055) are dropped.
std::vector<std::string> split_names(std::string_view text, const Vocabulary& vocabulary);

// Appends `value` to `list` unless it is empty or there already. Past a few names `index` holds
// them all, so that n names cost O(n), not O(n^2) (a hostile page may hold 100,000 editors).
void add_unique(std::vector<std::string>& list, std::unordered_set<std::string>& index,
                std::string value);

}  // namespace corpus_clean

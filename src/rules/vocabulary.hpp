// The words and shapes the engine reads that are data, not rules: what separates the names of a
// byline, which words stand between names and are not names, the shape of a staff code, what is
// not part of a publisher's name, which front-matter keys hold which field, which attributes
// hold an image's address, and what a "read the original" link says. They live in the rules
// file's `vocabulary` section, each with a `why`; a --rules file adds to them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/metadata.hpp"

namespace re2 {
class RE2;
}  // namespace re2

namespace corpus_clean {

struct Vocabulary {
  std::vector<char32_t> name_separators;  // 、 ， / ；: between the names of one list
  std::vector<std::string> role_words;    // 记者, 编辑: between names, never a name
  // Shapes of staff codes (SF055) that editor lines carry beside names; RE2, whole token.
  std::vector<std::shared_ptr<const re2::RE2>> staff_codes;
  // What a harvested source may carry beside the publisher's name (综合自A、B, 记者 NAME, a
  // second publisher); RE2, each match removed, in order.
  std::vector<std::shared_ptr<const re2::RE2>> source_noise;
  // The text of a link to the original article or the full report (阅读原文); RE2, matched
  // against the whole link text.
  std::vector<std::shared_ptr<const re2::RE2>> original_link_text;
  FrontMatterKeys front_matter;
  PageMetaKeys page_meta;                     // the <meta> names of a whole page's fields
  std::vector<std::string> image_attributes;  // src, data-src: where an <img> keeps its address
};

}  // namespace corpus_clean

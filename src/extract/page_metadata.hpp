// What a whole web page says about itself: its <title>, <meta> tags, canonical link, language
// and JSON-LD blocks, read from the parsed document for the record's metadata.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/html_document.hpp"

namespace corpus_clean {

struct PageMetadata {
  std::optional<std::string> title;      // <title>, whitespace folded
  std::string lang;                      // <html lang>, as written
  std::optional<std::string> canonical;  // <link rel="canonical" href>
  // <meta> tags with a content: (name, property, itemprop or http-equiv lower-cased, content),
  // in document order.
  std::vector<std::pair<std::string, std::string>> meta;
  std::vector<std::string> json_ld;  // the text of each <script type="application/ld+json">

  // The content of the first <meta> of this (lower-case) name, if any.
  std::optional<std::string_view> meta_content(std::string_view name) const;
};

PageMetadata read_page_metadata(const html::Document& doc);

}  // namespace corpus_clean

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
  std::vector<std::string> h1;       // the text of the page's <h1> elements, in order
  std::vector<std::string> h2;       // and of its <h2> elements
  // Machine-readable dates in the body: <time datetime>, and the datetime or content of an
  // element marked itemprop="datePublished", in document order.
  std::vector<std::string> times;

  // What the JSON-LD says of the page's article (NewsArticle, Article, BlogPosting, ...).
  struct Article {
    std::optional<std::string> headline;
    std::optional<std::string> date_published;
    std::optional<std::string> body;  // articleBody
    std::optional<std::string> url;
    std::optional<std::string> publisher;
  };
  Article article;

  // The content of the first <meta> of this (lower-case) name, if any.
  std::optional<std::string_view> meta_content(std::string_view name) const;
};

PageMetadata read_page_metadata(const html::Document& doc);

}  // namespace corpus_clean

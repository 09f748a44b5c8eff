// Harvests the record's metadata fields from the front matter, and title and date from the
// body's first lines when the front matter has none (plain-text and Markdown documents).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corpus_clean/date.hpp"
#include "corpus_clean/types.hpp"
#include "extract/blocks.hpp"
#include "extract/page_metadata.hpp"

namespace re2 {
class RE2;
}  // namespace re2

namespace corpus_clean {

// The front-matter keys each record field is read from, first present key first.
struct FrontMatterKeys {
  std::vector<std::string> title;
  std::vector<std::string> date;
  std::vector<std::string> author;
  std::vector<std::string> url;
  std::vector<std::string> categories;
  std::vector<std::string> tags;
  std::vector<std::string> images;
};

// The <meta> names (lower case) each field of a whole page is read from, first present first.
struct PageMetaKeys {
  std::vector<std::string> title;
  std::vector<std::string> date;
  std::vector<std::string> url;
  std::vector<std::string> site_name;
  std::vector<std::string> author;
  std::vector<std::string> lang;  // when the page has no <html lang>
  // Shapes of a site's name in a page title (南方网, CAIJING.COM.CN): RE2, on a short part.
  std::vector<std::shared_ptr<const re2::RE2>> site_name_shapes;
};

struct DocumentMetadata {
  std::optional<std::string> title;
  std::optional<std::string> date;
  std::optional<std::string> author;
  std::optional<std::string> url;
  std::vector<std::string> categories;
  std::vector<std::string> tags;
  std::vector<std::string> images;       // headimg / thumbnail / cover / image
  std::optional<std::string> site_name;  // a whole page's own name for its site
  std::optional<std::string> lang;       // the page's declared language (<html lang>), as written
  std::vector<std::string> warnings;     // e.g. a date that could not be read
};

// The fields named by `keys` (the rules file's front_matter_keys), each from the first key
// present.
DocumentMetadata metadata_from_front_matter(const Json& meta, const FrontMatterKeys& keys,
                                            const DateOptions& options);

// Fills what the front matter left empty from a whole page's own metadata:
//   title: the <h1> (else <h2>, else one of `lines`, the short lines at the top of the page)
//          that shows the headline of the page's <title> or og:title, else og:title, JSON-LD's
//          headline or the <title>, each without the site's name ("… - 新浪财经", "…_凤凰网",
//          "…|人民网");
//   date:  the date <meta> tags, JSON-LD's datePublished, then <time datetime>;
//   url:   <link rel=canonical>, the url <meta> tags, JSON-LD's url, each resolved against
//          `address` (where the page was fetched from; "" when unknown, and then only an
//          absolute http(s) URL counts), never the site's home page;
//   site_name, author, lang.
void metadata_from_page(const PageMetadata& page, const PageMetaKeys& keys,
                        const std::vector<std::string>& lines, const DateOptions& options,
                        std::string_view address, DocumentMetadata& metadata);

// The headline in a page's names (<title>, og:title), and the heading that shows it.
class HeadlineFinder {
 public:
  HeadlineFinder(std::string_view site_name, const PageMetaKeys& keys);

  // The part of a title that is the headline: the parts that are not the site's name (its
  // og:site_name, or a short part of a site name's shape), the first unless another is three
  // times as long.
  std::string headline(std::string_view title) const;
  // The headline a heading shows for a name: a heading that is its headline part (or its
  // first part, or a long part), or holds one with little beside it (then the part), else the
  // heading that holds one with the least beside it, at most three times it (a column's name
  // and the headline).
  std::optional<std::string> shown(const std::vector<std::string>& headings,
                                   std::string_view name) const;
  // The page's title: for og:title, then <title>, then JSON-LD's headline, the heading that
  // shows it (a short line near the article, an <h1>, an <h2>), else its headline part.
  std::optional<std::string> title(const PageMetadata& page,
                                   const std::vector<std::string>& lines) const;

 private:
  bool is_site(std::string_view part) const;
  std::vector<std::string_view> parts(std::string_view title) const;
  std::string site_;
  const PageMetaKeys& keys_;
};

// A date at the start of a short line, after an optional label (发布时间：, Published:):
// "2019年06月15日08:18  来源：人民网" → 2019-06-15T08:18:00.
std::optional<std::string> date_at_start(std::string_view line, const DateOptions& options);

// The first date in a short line, wherever it stands ("原创：39健康网2024-04-23 12:27:25",
// "本文来源于国家统计局 2024-05-11 09:36:26"): a year 19xx or 20xx that starts a date.
std::optional<std::string> date_in_line(std::string_view line, const DateOptions& options);

// Fills a missing title from the first block (a heading, or a short first line of a
// text document) and a missing date from a date-only line among the first blocks; the
// blocks used are removed. A leading block that repeats a known title is removed too.
void take_title_and_date_from_body(std::vector<Block>& blocks, Format format,
                                   const DateOptions& options, DocumentMetadata& metadata);

}  // namespace corpus_clean

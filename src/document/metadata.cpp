// Metadata from the front matter, and a title and date from the body's first lines when the
// front matter has none.
#include "document/metadata.hpp"

#include <algorithm>

#include "corpus_clean/record.hpp"
#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

// A scalar as text; numbers and booleans as JSON writes them; anything else: nullopt.
std::optional<std::string> scalar_text(const Json& value) {
  if (value.is_string()) {
    std::string_view trimmed = text::trim(value.get_ref<const std::string&>());
    if (trimmed.empty())
      return std::nullopt;
    return std::string(trimmed);
  }
  if (value.is_number() || value.is_boolean())
    return value.dump();
  return std::nullopt;
}

// A list of scalars, or one scalar as a one-item list; blanks dropped.
std::vector<std::string> string_list(const Json& value) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const Json& item : value) {
      if (auto text = scalar_text(item))
        out.push_back(std::move(*text));
    }
  } else if (auto text = scalar_text(value)) {
    out.push_back(std::move(*text));
  }
  return out;
}

const Json* find(const Json& meta, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    auto it = meta.find(key);
    if (it != meta.end() && !it->is_null())
      return &*it;
  }
  return nullptr;
}

// A date written at the start of a line: the whole line, or a Chinese date before 日.
std::optional<std::string> leading_date(std::string_view line, const DateOptions& options) {
  if (auto iso = to_iso8601(line, options))
    return iso;
  const std::size_t day = line.find("日");
  if (day != std::string_view::npos && day < 48) {
    return to_iso8601(line.substr(0, day + std::string_view("日").size()), options);
  }
  return std::nullopt;
}

bool ends_like_sentence(std::string_view text) {
  for (std::string_view end : {"。", "！", "？", "；", "，", "：", ".", "!", "?", ";", ",", ":"}) {
    if (text.ends_with(end))
      return true;
  }
  return false;
}

constexpr std::int64_t kShortLine = 60;    // code points: a title or a dateline, not a paragraph
constexpr std::size_t kLeadingBlocks = 3;  // how far down a title or date line may stand

}  // namespace

DocumentMetadata metadata_from_front_matter(const Json& meta, const FrontMatterKeys& keys,
                                            const DateOptions& options) {
  DocumentMetadata out;
  if (!meta.is_object())
    return out;
  if (const Json* title = find(meta, keys.title))
    out.title = scalar_text(*title);
  if (const Json* author = find(meta, keys.author)) {
    std::vector<std::string> authors = string_list(*author);
    if (!authors.empty())
      out.author = authors.front();
  }
  if (const Json* date = find(meta, keys.date)) {
    if (auto text = scalar_text(*date)) {
      out.date = to_iso8601(*text, options);
      if (!out.date)
        out.warnings.push_back("unreadable date '" + *text + "' (date set to null)");
    }
  }
  if (const Json* url = find(meta, keys.url)) {
    if (auto text = scalar_text(*url)) {
      if (text->starts_with("http://") || text->starts_with("https://"))
        out.url = std::move(text);
    }
  }
  if (const Json* categories = find(meta, keys.categories)) {
    out.categories = string_list(*categories);
  }
  if (const Json* tags = find(meta, keys.tags))
    out.tags = string_list(*tags);
  for (const std::string& key : keys.images) {
    auto it = meta.find(key);
    if (it == meta.end())
      continue;
    for (std::string& url : string_list(*it))
      out.images.push_back(std::move(url));
  }
  return out;
}

void take_title_and_date_from_body(std::vector<Block>& blocks, Format format,
                                   const DateOptions& options, DocumentMetadata& metadata) {
  // A first block that repeats the known title goes.
  if (metadata.title && !blocks.empty() && blocks.front().text == *metadata.title) {
    blocks.erase(blocks.begin());
  }
  if (!metadata.title && !blocks.empty()) {
    const auto heading = std::find_if(blocks.begin(), blocks.end(),
                                      [](const Block& b) { return b.kind == BlockKind::heading; });
    if (heading != blocks.end()) {
      metadata.title = heading->text;
      if (heading == blocks.begin())
        blocks.erase(heading);
    } else if (format == Format::text &&
               text::count_code_points(blocks.front().text) <= kShortLine &&
               !ends_like_sentence(blocks.front().text)) {
      metadata.title = blocks.front().text;
      blocks.erase(blocks.begin());
    }
  }
  if (metadata.date)
    return;
  // A line that is only a date, near the top, is the document's date and goes; failing that,
  // a short line that starts with a full date (a signature or dateline) gives the date and
  // stays, as it is part of the text.
  for (std::size_t i = 0; i < blocks.size() && i < kLeadingBlocks; ++i) {
    if (text::count_code_points(blocks[i].text) > kShortLine)
      continue;
    if (auto iso = to_iso8601(blocks[i].text, options)) {
      metadata.date = std::move(iso);
      blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
  for (const Block& block : blocks) {
    if (text::count_code_points(block.text) > kShortLine)
      continue;
    if (auto iso = leading_date(block.text, options)) {
      metadata.date = std::move(iso);
      return;
    }
  }
}

}  // namespace corpus_clean

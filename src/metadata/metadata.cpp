// Metadata from the front matter, and a title and date from the body's first lines when the
// front matter has none.
#include "metadata/metadata.hpp"

#include <re2/re2.h>
#include <unicode/uchar.h>

#include <algorithm>

#include "corpus_clean/record.hpp"
#include "extract/main_content.hpp"
#include "text/chars.hpp"
#include "text/strings.hpp"
#include "text/url.hpp"
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
constexpr std::size_t kDateLabel = 8;  // code points of a label before a date ("发布时间：")
constexpr std::int64_t kMinHeadline = 2;    // letters and digits of a headline a heading may show
constexpr std::int64_t kHeadlineExtra = 2;  // what a heading may show beside the headline
constexpr std::int64_t kLongPart = 6;       // a title part this long may be the headline too
constexpr std::int64_t kHeldExtra = 3;      // a heading may hold this many times the part beside it
constexpr std::int64_t kSiteNameUnits = 8;  // a part this short may be a site's name (南方网)

std::optional<std::string> first_meta(const PageMetadata& page,
                                      const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (std::optional<std::string_view> value = page.meta_content(name))
      return std::string(*value);
  }
  return std::nullopt;
}

// Letters and digits only, lower-cased: how two titles are compared.
std::string comparable(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = text::next_code_point(s, i);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (text::is_ascii_alpha(c) || text::is_ascii_digit(c))
        out += text::ascii_lower(c);
    } else if (text::is_cjk_letter(cp) || u_isalnum(static_cast<UChar32>(cp))) {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

// The parts of a page title between the separators sites put between headline and site name:
// " - ", " | ", "_", "｜", " · ", "--", " – ", " — ", and a "-" next to a CJK character
// ("提案-中国青年网"; "COVID-19" stays whole).
std::vector<std::string_view> title_parts(std::string_view title) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  auto cut = [&](std::size_t at, std::size_t length) {
    parts.push_back(text::trim(title.substr(start, at - start)));
    start = at + length;
  };
  for (std::size_t i = 0; i < title.size();) {
    const std::string_view rest = title.substr(i);
    std::size_t length = 0;
    for (std::string_view sep : {" - ", " | ", " – ", " — ", " · ", "--", "_", "|", "｜", "丨"}) {
      if (rest.starts_with(sep)) {
        length = sep.size();
        break;
      }
    }
    if (length == 0 && rest.starts_with("-") && i > 0) {
      std::size_t before = i;
      std::size_t after = i + 1;
      const bool cjk_before = text::is_cjk(text::previous_code_point(title, before));
      const bool cjk_after =
          after < title.size() && text::is_cjk(text::next_code_point(title, after));
      if (cjk_before || cjk_after)
        length = 1;
    }
    if (length > 0) {
      cut(i, length);
      i = start;
    } else {
      text::next_code_point(title, i);
    }
  }
  parts.push_back(text::trim(title.substr(start)));
  std::erase_if(parts, [](std::string_view p) { return p.empty(); });
  return parts;
}

// Letters and digits of `s` in units: a CJK character, or a run of other letters and digits.
std::int64_t units_of(std::string_view s) {
  return measure_text(s).units;
}

}  // namespace

HeadlineFinder::HeadlineFinder(std::string_view site_name, const PageMetaKeys& keys)
    : site_(comparable(site_name)), keys_(keys) {}

bool HeadlineFinder::is_site(std::string_view part) const {
  const std::string c = comparable(part);
  if (!site_.empty() && (c == site_ || site_.find(c) != std::string::npos))
    return true;  // the site's name, or a piece of it ("新浪财经_新浪网")
  if (units_of(part) > kSiteNameUnits)
    return false;
  const re2::StringPiece text(part.data(), part.size());
  return std::any_of(keys_.site_name_shapes.begin(), keys_.site_name_shapes.end(),
                     [&](const auto& shape) { return RE2::PartialMatch(text, *shape); });
}

std::vector<std::string_view> HeadlineFinder::parts(std::string_view title) const {
  std::vector<std::string_view> parts = title_parts(title);
  if (parts.size() > 1) {
    std::vector<std::string_view> named = parts;
    std::erase_if(named, [&](std::string_view part) { return is_site(part); });
    if (!named.empty())
      parts = std::move(named);
  }
  return parts;
}

std::string HeadlineFinder::headline(std::string_view title) const {
  const std::vector<std::string_view> named = parts(title);
  if (named.empty())
    return std::string(text::trim(title));
  // The first part, unless another is much longer ("栏目 - 标题很长很长" is rarer than
  // "标题 - 网站名", but a short first part is a section or the site).
  std::string_view longest = named.front();
  for (std::string_view part : named) {
    if (units_of(part) > units_of(longest))
      longest = part;
  }
  return std::string(units_of(named.front()) * 3 >= units_of(longest) ? named.front() : longest);
}

std::optional<std::string> HeadlineFinder::shown(const std::vector<std::string>& headings,
                                                 std::string_view name) const {
  // What a heading may show: the headline part, the name's first part, the whole name, and the
  // parts long enough not to be a section label.
  const std::string headline_part = headline(name);
  const std::vector<std::string_view> named = parts(name);
  std::vector<std::string_view> shows{headline_part, name};
  for (std::size_t k = 0; k < named.size(); ++k) {
    if (k == 0 || units_of(named[k]) >= kLongPart)
      shows.push_back(named[k]);
  }
  std::optional<std::string> best;
  std::int64_t best_extra = 0;
  for (const std::string& heading : headings) {
    const std::string h = comparable(heading);
    const std::int64_t heading_units = units_of(heading);
    if (heading_units < kMinHeadline)
      continue;
    for (std::string_view part : shows) {
      const std::string p = comparable(part);
      const std::int64_t units = units_of(part);
      if (units < kMinHeadline)
        continue;
      if (h == p || (p.find(h) != std::string::npos && heading_units * 2 >= units))
        return heading;
      if (h.find(p) == std::string::npos)
        continue;
      const std::int64_t extra = heading_units - units;
      if (extra <= kHeadlineExtra || extra * 10 <= units * 3)
        return std::string(part);
      if (extra <= kHeldExtra * units && (!best || extra < best_extra)) {
        best = heading;
        best_extra = extra;
      }
    }
  }
  return best;
}

std::optional<std::string> HeadlineFinder::title(const PageMetadata& page,
                                                 const std::vector<std::string>& lines) const {
  for (const std::optional<std::string>& name :
       {first_meta(page, keys_.title), page.title, page.article.headline}) {
    if (!name)
      continue;
    for (const std::vector<std::string>* headings : {&lines, &page.h1, &page.h2}) {
      if (std::optional<std::string> title = shown(*headings, *name))
        return title;
    }
    std::string named = headline(*name);
    if (!named.empty() && !is_site(named))
      return named;
  }
  return std::nullopt;
}

std::optional<std::string> date_at_start(std::string_view line, const DateOptions& options) {
  line = text::trim_spaces(line);
  // A label such as 发布时间： or Published: before the date.
  for (std::string_view colon : {"：", ":"}) {
    const std::size_t at = line.find(colon);
    if (at != std::string_view::npos &&
        text::count_code_points(line.substr(0, at)) <= static_cast<std::int64_t>(kDateLabel) &&
        (line.substr(0, at).find_first_of("0123456789") == std::string_view::npos)) {
      if (auto iso = date_at_start(line.substr(at + colon.size()), options))
        return iso;
    }
  }
  // The longest run of the first words that reads as a date ("2024-05-20 13:15:00 来源：...").
  std::vector<std::size_t> ends;
  for (std::size_t i = 0; i <= line.size() && ends.size() < 4; ++i) {
    if (i == line.size() || line[i] == ' ' || line.substr(i).starts_with("\u3000")) {
      if (ends.empty() || ends.back() != i)
        ends.push_back(i);
    }
  }
  for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
    if (auto iso = to_iso8601(line.substr(0, *it), options))
      return iso;
  }
  return leading_date(line, options);  // a Chinese date with words after 日
}

std::optional<std::string> date_in_line(std::string_view line, const DateOptions& options) {
  for (std::size_t at = 0; at + 4 <= line.size(); ++at) {
    const bool year = (line.substr(at, 2) == "19" || line.substr(at, 2) == "20") &&
                      text::is_ascii_digit(line[at + 2]) && text::is_ascii_digit(line[at + 3]) &&
                      (at == 0 || !text::is_ascii_digit(line[at - 1]));
    if (!year)
      continue;
    if (auto iso = date_at_start(line.substr(at), options))
      return iso;
  }
  return std::nullopt;
}

void metadata_from_page(const PageMetadata& page, const PageMetaKeys& keys,
                        const std::vector<std::string>& lines, const DateOptions& options,
                        std::string_view address, DocumentMetadata& metadata) {
  if (!metadata.site_name) {
    metadata.site_name = first_meta(page, keys.site_name);
    if (!metadata.site_name)
      metadata.site_name = page.article.publisher;
  }
  const std::string site = metadata.site_name.value_or("");
  if (!metadata.title)
    metadata.title = HeadlineFinder(site, keys).title(page, lines);
  if (!metadata.date) {
    std::vector<std::string> dates;
    if (std::optional<std::string> meta = first_meta(page, keys.date))
      dates.push_back(*meta);
    if (page.article.date_published)
      dates.push_back(*page.article.date_published);
    dates.insert(dates.end(), page.times.begin(), page.times.end());
    for (const std::string& date : dates) {
      if ((metadata.date = to_iso8601(date, options)))
        break;
    }
  }
  if (!metadata.url) {
    for (const std::optional<std::string>& named :
         {page.canonical, first_meta(page, keys.url), page.article.url}) {
      std::optional<std::string> url = named ? text::resolve_url(address, *named) : std::nullopt;
      // A site's home page named as an article's address is a template's mistake.
      if (url && !text::is_home_page(*url)) {
        metadata.url = std::move(url);
        break;
      }
    }
  }
  if (!metadata.author) {
    // An author <meta> of digits alone is a CMS's user number, not a name.
    std::optional<std::string> author = first_meta(page, keys.author);
    if (author && measure_text(*author).units > 0 &&
        author->find_first_not_of("0123456789 ") != std::string::npos) {
      metadata.author = std::move(author);
    }
  }
  if (!metadata.lang)
    metadata.lang =
        !page.lang.empty() ? std::optional<std::string>(page.lang) : first_meta(page, keys.lang);
}

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
    if (auto iso = date_at_start(block.text, options)) {
      metadata.date = std::move(iso);
      return;
    }
  }
}

}  // namespace corpus_clean

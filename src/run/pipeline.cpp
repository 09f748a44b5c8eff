// The per-document pipeline: decode → front matter → YAML → format → extract → rules → repair
// → metadata → normalize → record. Pure: everything it needs comes in through its arguments.
#include "corpus_clean/pipeline.hpp"

#include <algorithm>
#include <unordered_set>

#include "document/format.hpp"
#include "document/front_matter.hpp"
#include "document/yaml_meta.hpp"
#include "extract/extract.hpp"
#include "extract/html_document.hpp"
#include "extract/main_content.hpp"
#include "extract/page_metadata.hpp"
#include "input/decode.hpp"
#include "input/read.hpp"
#include "metadata/language.hpp"
#include "metadata/links.hpp"
#include "metadata/metadata.hpp"
#include "output/record_text.hpp"
#include "rules/repair.hpp"
#include "rules/rules.hpp"
#include "text/chars.hpp"
#include "text/line_reader.hpp"
#include "text/strings.hpp"
#include "text/url.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {

Context::Context(Options options, Normalizer normalizer, std::unique_ptr<const RuleBook> rules)
    : options_(std::move(options)), normalizer_(std::move(normalizer)), rules_(std::move(rules)) {}

Context::~Context() = default;

Result<std::unique_ptr<Context>> Context::create(Options options) {
  if (const std::string failure = text::load_character_classes(); !failure.empty())
    return make_error(ErrorCode::icu_error, Stage::normalize, failure);
  Result<Normalizer> normalizer = Normalizer::create(options.normalize);
  if (!normalizer)
    return std::move(normalizer).take_error();
  Result<RuleBook> rules = RuleBook::load(default_rules_yaml(), "rules/default.yaml");
  if (!rules)
    return std::move(rules).take_error();
  for (const std::string& path : options.rules_files) {
    Result<std::string> yaml = read_file(path, 16u << 20);
    if (!yaml) {
      Error error = std::move(yaml).take_error();
      error.stage = Stage::rules;
      error.path = path;
      return error;
    }
    if (Result<bool> added = rules->add(*yaml, path); !added)
      return std::move(added).take_error();
  }
  auto book = std::make_unique<const RuleBook>(std::move(rules).value());
  return std::unique_ptr<Context>(
      new Context(std::move(options), std::move(normalizer).value(), std::move(book)));
}

namespace {

Outcome failed(const Document& document, Error error, std::uint64_t bytes_in) {
  Outcome outcome;
  outcome.bytes_in = bytes_in;
  outcome.kind = Outcome::Kind::failed;
  error.path = document.path;
  error.place = document.hints.place;
  outcome.error = std::move(error);
  return outcome;
}

// Order-preserving de-duplication.
std::vector<std::string> unique(std::vector<std::string> items) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  out.reserve(items.size());
  for (std::string& item : items) {
    if (seen.insert(item).second)
      out.push_back(std::move(item));
  }
  return out;
}

// Trims the spaces a block may carry at its ends (ideographic indents, NBSP) so that rule
// patterns can anchor on the text itself; drops blocks left empty.
void trim_blocks(std::vector<Block>& blocks) {
  for (Block& block : blocks) {
    const std::string_view trimmed = text::trim_spaces(block.text);
    if (trimmed.size() != block.text.size())
      block.text = std::string(trimmed);
  }
  std::erase_if(blocks, [](const Block& b) { return b.text.empty(); });
}

void explain_dropped(const std::vector<DroppedElement>& dropped, const RuleSet* site,
                     const RuleSet& generic, std::vector<ExplainEntry>& explain) {
  const std::size_t site_count = site ? site->drop_elements().size() : 0;
  for (const DroppedElement& d : dropped) {
    const RuleSet& set = d.selector_index < site_count ? *site : generic;
    const std::size_t i =
        d.selector_index < site_count ? d.selector_index : d.selector_index - site_count;
    explain.push_back(ExplainEntry{set.name(), set.drop_elements()[i].source,
                                   RuleAction::drop_element, set.drop_element_why()[i],
                                   d.text.substr(0, 120)});
  }
}

std::vector<std::string> decode_warnings(const Decoded& decoded) {
  std::vector<std::string> warnings;
  if (!decoded.note.empty())
    warnings.push_back(decoded.note);
  if (decoded.encoding != "UTF-8")
    warnings.push_back("decoded as " + decoded.encoding);
  if (decoded.replaced > 0) {
    warnings.push_back(std::to_string(decoded.replaced) + " invalid bytes replaced with U+FFFD");
  }
  return warnings;
}

std::string flattened_warning(const Extraction& extraction, std::size_t limit) {
  return "HTML nested " + std::to_string(extraction.deepest) + " deep, past the limit of " +
         std::to_string(limit) +
         " (--max-html-depth): " + std::to_string(extraction.flattened_tags) +
         " tags flattened, their text kept";
}

// What the extract and rules stages make of a body: the blocks left, and what was harvested.
struct Cleaned {
  const RuleSet* site = nullptr;
  Format format = Format::text;
  bool format_given = false;  // by the container: its lines are the paragraphs, not repaired
  Extraction extraction;
  std::optional<PageMetadata> page;  // a whole page's <head>
  bool article_found = false;        // main-content selection chose a container
  // The page's blocks before and after the article (furniture): read for bylines and dates.
  std::vector<Block> before;
  std::vector<Block> after;
  Harvest harvest;
};

// How many blocks of page furniture next to the article may say who wrote it and when: the
// lines between the headline and the text (or so many before it when the headline is not among
// them), and a few after it.
constexpr std::size_t kBylineBlocks = 12;
constexpr std::size_t kAsidesBefore = 8;
constexpr std::size_t kAsidesAfter = 4;
constexpr std::int64_t kDateLineChars = 60;  // a dateline beside the article is short
constexpr std::size_t kDateOnly = 10;        // "2024-05-10": a date with no time
constexpr std::size_t kTopBlocks = 3;
constexpr std::uint32_t kArticleBodyUnits = 50;  // a JSON-LD articleBody this long is an article
constexpr std::uint32_t kArticleBodyShare =
    5;  // ... when the markup shows a fifth of it or less  // the article's first blocks that may
        // show its headline

// Moves the aside blocks out of the text, into `before` and `after` the article.
void take_asides(Cleaned& out) {
  std::vector<Block>& blocks = out.extraction.blocks;
  std::vector<Block> text;
  for (Block& block : blocks) {
    if (!block.aside)
      text.push_back(std::move(block));
    else
      (text.empty() ? out.before : out.after).push_back(std::move(block));
  }
  blocks = std::move(text);
}

// The short lines at the top of a page's article and just before it: where the headline shows
// when it is not a heading.
std::vector<std::string> top_lines(const Cleaned& cleaned) {
  std::vector<std::string> lines;
  const std::vector<Block>& before = cleaned.before;
  for (std::size_t i = before.size() > kBylineBlocks ? before.size() - kBylineBlocks : 0;
       i < before.size(); ++i) {
    if (text::count_code_points(before[i].text) <= kDateLineChars)
      lines.push_back(before[i].text);
  }
  const std::vector<Block>& blocks = cleaned.extraction.blocks;
  for (std::size_t i = 0; i < blocks.size() && i < kTopBlocks; ++i) {
    if (text::count_code_points(blocks[i].text) <= kDateLineChars)
      lines.push_back(blocks[i].text);
  }
  return lines;
}

// The furniture lines next to the article: the few after the headline (as the page shows it)
// when it stands before the article, else the last few before the article; and the first few
// after it.
std::vector<Block> lines_beside(const Cleaned& cleaned, const std::optional<std::string>& title) {
  const std::vector<Block>& before = cleaned.before;
  std::size_t from = before.size() > kAsidesBefore ? before.size() - kAsidesBefore : 0;
  std::size_t to = before.size();
  if (title) {
    for (std::size_t i = before.size(); i-- > 0;) {
      if (before[i].text == *title) {
        from = i + 1;
        to = std::min(before.size(), from + kBylineBlocks);
        break;
      }
    }
  }
  std::vector<Block> lines(before.begin() + static_cast<std::ptrdiff_t>(from),
                           before.begin() + static_cast<std::ptrdiff_t>(to));
  const std::size_t after = std::min(cleaned.after.size(), kAsidesAfter);
  lines.insert(lines.end(), cleaned.after.begin(),
               cleaned.after.begin() + static_cast<std::ptrdiff_t>(after));
  return lines;
}

// A page whose JSON-LD carries the article's text (articleBody) and whose markup has no article
// (`found` false) or shows almost none of it (a page that draws its text with scripts): the
// JSON-LD text is the article. Where the markup shows a good part, it is the better source
// (articleBody is often a teaser).
void use_article_body(const PageMetadata& page, bool found, std::vector<Block>& blocks,
                      std::vector<ExplainEntry>* explain) {
  if (!page.article.body)
    return;
  const std::uint32_t body_units = measure_text(*page.article.body).units;
  std::uint32_t shown = 0;
  for (const Block& block : blocks)
    shown += measure_text(block.text).units;
  if (body_units < kArticleBodyUnits || (found && shown * kArticleBodyShare >= body_units))
    return;
  blocks.clear();
  text::LineReader lines(*page.article.body);
  std::string_view line;
  while (lines.next(line)) {
    if (std::string_view trimmed = text::trim_spaces(line); !trimmed.empty())
      blocks.push_back(Block{BlockKind::paragraph, std::string(trimmed), 0});
  }
  if (explain) {
    explain->push_back(ExplainEntry{
        "main_content", "", RuleAction::select, "main-content selection",
        "the JSON-LD articleBody (" + std::to_string(body_units) + " units) holds five times the " +
            std::to_string(shown) + " the markup shows"});
  }
}

// Parses an HTML body once: the page's own metadata and the blocks come from the same tree, the
// blocks marked aside outside the article when main-content selection applies (a whole page,
// or a body no site rule set recognises).
Extraction extract_html_document(html::Document& doc, Cleaned& out, const Context& context,
                                 ExtractOptions& extract_options,
                                 std::vector<DroppedElement>& dropped,
                                 std::vector<ExplainEntry>* explain) {
  const Options& options = context.options();
  doc.parse();
  if (doc.is_whole_page())
    out.page = read_page_metadata(doc);
  MainContent choice;
  std::unordered_set<const GumboNode*> roots;
  if (options.extract == ExtractMode::article && (doc.is_whole_page() || !out.site)) {
    choice = choose_main_content(doc, context.rules().main_content(), extract_options.drop);
    roots.insert(choice.roots.begin(), choice.roots.end());
    out.article_found = !roots.empty();
    if (!roots.empty()) {
      extract_options.article_roots = &roots;
      extract_options.pruned = &choice.pruned;
    }
    for (std::size_t i = 0; explain && i < choice.notes.size(); ++i) {
      const MainContent::Note& note = choice.notes[i];
      explain->push_back(ExplainEntry{"main_content", "",
                                      note.pruned ? RuleAction::prune : RuleAction::select,
                                      "main-content selection", note.text});
    }
  }
  HtmlExtraction html = extract_html_blocks(doc, extract_options);
  dropped = std::move(html.dropped);
  return std::move(html.extraction);
}

Cleaned extract_blocks(const Document& document, const FrontMatterSplit& split, const Json& meta,
                       const Context& context, std::vector<ExplainEntry>* explain) {
  const Options& options = context.options();
  const RuleBook& rules = context.rules();
  Cleaned out;
  out.format = document.hints.format.value_or(detect_format(split.body));
  out.format_given = document.hints.format.has_value();
  // An HTML body is prepared first (html_document.hpp): a site's markers are looked for in what
  // gumbo will read, without the scripts and styles that are most of a whole page's bytes.
  std::optional<html::Document> doc;
  if (out.format == Format::html)
    doc = html::Document::prepare(split.body, {.max_depth = options.max_html_depth});
  out.site = rules.recognise(meta, doc ? doc->prepared() : split.body, document.id, document.path);
  ExtractOptions extract_options;
  extract_options.max_html_depth = options.max_html_depth;
  extract_options.drop = &rules.drop_selectors(out.site);
  extract_options.describe_dropped = options.explain;
  extract_options.image_attributes = &rules.vocabulary().image_attributes;
  std::vector<DroppedElement> dropped;
  if (doc) {
    out.extraction = extract_html_document(*doc, out, context, extract_options, dropped, explain);
  } else {
    out.extraction = extract(split.body, out.format, extract_options);
  }
  trim_blocks(out.extraction.blocks);
  take_asides(out);
  if (out.page && options.extract == ExtractMode::article)
    use_article_body(*out.page, out.article_found, out.extraction.blocks, explain);
  if (explain)
    explain_dropped(dropped, out.site, rules.generic(), *explain);
  return out;
}

// The site's and the generic block rules on the text, then on the furniture lines beside the
// article for what the article's own lines did not say (the byline, the source, the editor:
// those lines never become text); page breaks repaired.
// Returns the text's length before the rules, in code points.
std::int64_t apply_rules(Cleaned& cleaned, const std::vector<Block>& beside, const Context& context,
                         std::vector<ExplainEntry>* explain) {
  const RuleBook& rules = context.rules();
  const Vocabulary& vocabulary = rules.vocabulary();
  std::vector<Block>& blocks = cleaned.extraction.blocks;
  std::int64_t before = 0;
  for (const Block& block : blocks)
    before += text::count_code_points(block.text);
  if (cleaned.site)
    apply_block_rules(*cleaned.site, vocabulary, blocks, cleaned.harvest, explain);
  apply_block_rules(rules.generic(), vocabulary, blocks, cleaned.harvest, explain);
  if (!beside.empty()) {
    Harvest more;
    std::vector<Block> lines = beside;
    if (cleaned.site)
      apply_block_rules(*cleaned.site, vocabulary, lines, more, nullptr);
    apply_block_rules(rules.generic(), vocabulary, lines, more, nullptr);
    fill_missing(cleaned.harvest, std::move(more));
  }
  const Format format = cleaned.format;
  const bool repairs =
      (cleaned.site && cleaned.site->repairs(format)) || rules.generic().repairs(format);
  if (repairs && !cleaned.format_given)
    repair_page_breaks(blocks);
  return before;
}

// A document the rules took more than half of the text from: most likely a rule that fired
// where it should not. The warning names the rule that removed most.
std::optional<std::string> loss_warning(std::int64_t before, const Harvest& harvest) {
  const RuleLoss* largest = harvest.largest_loss();
  if (before <= 0 || harvest.removed_chars * 2 <= before || !largest)
    return std::nullopt;
  const std::int64_t percent = harvest.removed_chars * 100 / before;
  return "the rules removed " + std::to_string(percent) + "% of the text (" +
         std::to_string(harvest.removed_chars) + " of " + std::to_string(before) +
         " characters), most by " + std::string(to_string(largest->action)) + " [" +
         largest->rule_set + " " + largest->origin + "] " + largest->why + " (" +
         std::to_string(largest->chars) + " characters)";
}

// A dateline beside the article or at its top gives the date where the metadata has none; and a
// date alone (a page's <meta>) gives way to a dateline of the same day that has the time.
void settle_date(const std::vector<Block>& beside, const DateOptions& options,
                 DocumentMetadata& metadata) {
  for (const Block& line : beside) {
    if (metadata.date && metadata.date->size() > kDateOnly)
      return;
    if (text::count_code_points(line.text) > kDateLineChars)
      continue;
    std::optional<std::string> dateline = date_in_line(line.text, options);
    if (dateline && (!metadata.date ||
                     (dateline->size() > kDateOnly && dateline->starts_with(*metadata.date)))) {
      metadata.date = std::move(dateline);
    }
  }
}

// The record's fields from the metadata and the harvest, the text normalized.
void build_record(const Document& document, Cleaned& cleaned, DocumentMetadata& metadata, Json meta,
                  const Context& context, Outcome& outcome) {
  Record& record = outcome.record;
  Harvest& harvest = cleaned.harvest;
  record.id = document.id;
  record.path = document.path;
  record.site = cleaned.site ? cleaned.site->name() : "generic";
  record.format = cleaned.format;
  record.date = std::move(metadata.date);
  record.author = std::move(metadata.author);
  record.source = std::move(harvest.source);
  record.reporters = std::move(harvest.reporters);
  record.editors = std::move(harvest.editors);
  // The address the document names wins over the one it was fetched from (a redirect, a
  // mirror).
  record.url = metadata.url  ? std::move(metadata.url)
               : harvest.url ? std::move(harvest.url)
                             : document.hints.url;
  record.crawl_url = document.hints.url;
  if (document.hints.fetched_at)
    record.crawl_date = to_iso8601(*document.hints.fetched_at);
  record.site_name = std::move(metadata.site_name);
  record.categories = std::move(metadata.categories);
  record.tags = std::move(metadata.tags);
  std::vector<std::string> images = std::move(metadata.images);
  std::vector<std::string>& found = cleaned.extraction.images;
  images.insert(images.end(), std::make_move_iterator(found.begin()),
                std::make_move_iterator(found.end()));
  if (cleaned.page) {
    // A page's images are references to resolve against its address; what cannot be resolved
    // to an http(s) URL (a relative path with no known address, data:, an extension's icon)
    // is no image of the record.
    std::vector<std::string> resolved;
    for (const std::string& image : images) {
      if (std::optional<std::string> url = text::resolve_url(record.url.value_or(""), image))
        resolved.push_back(std::move(*url));
    }
    images = std::move(resolved);
  }
  record.images = unique(std::move(images));

  std::vector<Block>& blocks = cleaned.extraction.blocks;
  if (context.options().normalize_text) {
    const Normalizer& normalizer = context.normalizer();
    for (Block& block : blocks)
      block.text = normalizer.normalize(block.text, &outcome.normalization);
    if (metadata.title)
      metadata.title = normalizer.normalize(*metadata.title, &outcome.normalization);
  }
  record.title = std::move(metadata.title);
  set_text(record, blocks);
  record.lang = detect_language(record.text, metadata.lang);
  record.meta = std::move(meta);
  // A harvested field the record has no key for is kept in meta, unless the front matter
  // already has that key.
  if (harvest.original_title && record.meta.is_object() &&
      !record.meta.contains("original_title")) {
    record.meta["original_title"] = *harvest.original_title;
  }
}

}  // namespace

Outcome process_document(Document document, const Context& context) {
  const Options& options = context.options();
  const std::uint64_t bytes_in = document.bytes.size();
  Result<Decoded> decoded =
      decode(std::move(document.bytes), {document.hints.charset.value_or("")});
  if (!decoded)
    return failed(document, std::move(decoded).take_error(), bytes_in);
  // A container's own metadata for the document (a JSON Lines row's fields) stands for front
  // matter: its text is all body.
  const bool has_meta = document.hints.meta.has_value();
  FrontMatterSplit all_body;
  all_body.body = decoded->text;
  Result<FrontMatterSplit> split = has_meta ? all_body : split_front_matter(decoded->text);
  if (!split)
    return failed(document, std::move(split).take_error(), bytes_in);
  Result<Json> meta =
      has_meta ? std::move(*document.hints.meta) : parse_front_matter(*split, options.yaml_limits);
  if (!meta)
    return failed(document, std::move(meta).take_error(), bytes_in);

  Outcome outcome;
  outcome.bytes_in = bytes_in;
  // What each rule did is collected for --explain, and for --stats' per-rule counts.
  const bool note_rules = options.explain || options.stats_path.has_value();
  std::vector<ExplainEntry>* explain = note_rules ? &outcome.explain : nullptr;
  Cleaned cleaned = extract_blocks(document, *split, *meta, context, explain);
  const Vocabulary& vocabulary = context.rules().vocabulary();
  DocumentMetadata metadata =
      metadata_from_front_matter(*meta, vocabulary.front_matter, options.dates);
  if (cleaned.page) {
    metadata_from_page(*cleaned.page, vocabulary.page_meta, top_lines(cleaned), options.dates,
                       document.hints.url.value_or(""), metadata);
  }
  const std::vector<Block> beside = lines_beside(cleaned, metadata.title);
  for (std::size_t i = 0; explain && i < beside.size(); ++i) {
    explain->push_back(ExplainEntry{"main_content", "", RuleAction::select,
                                    "read beside the article", beside[i].text});
  }
  const std::int64_t chars_before_rules = apply_rules(cleaned, beside, context, explain);
  std::optional<std::string> lost = loss_warning(chars_before_rules, cleaned.harvest);
  if (!metadata.url && !cleaned.harvest.url)
    cleaned.harvest.url = original_link(split->body, vocabulary.original_link_text);
  if (!metadata.date && cleaned.harvest.date)
    metadata.date = to_iso8601(*cleaned.harvest.date, options.dates);
  take_title_and_date_from_body(cleaned.extraction.blocks, cleaned.format, options.dates, metadata);
  std::vector<Block> datelines = beside;
  const std::vector<Block>& blocks = cleaned.extraction.blocks;
  datelines.insert(
      datelines.end(), blocks.begin(),
      blocks.begin() + static_cast<std::ptrdiff_t>(std::min(blocks.size(), kTopBlocks)));
  settle_date(datelines, options.dates, metadata);

  outcome.warnings = decode_warnings(*decoded);
  if (lost) {
    outcome.warnings.push_back(std::move(*lost));
    outcome.rules_removed_most = true;
  }
  if (cleaned.extraction.flattened_tags > 0)
    outcome.warnings.push_back(flattened_warning(cleaned.extraction, options.max_html_depth));
  outcome.warnings.insert(outcome.warnings.end(),
                          std::make_move_iterator(metadata.warnings.begin()),
                          std::make_move_iterator(metadata.warnings.end()));
  build_record(document, cleaned, metadata, std::move(meta).value(), context, outcome);
  return outcome;
}

}  // namespace corpus_clean

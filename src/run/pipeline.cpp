// The per-document pipeline: decode → front matter → YAML → format → extract → rules → repair
// → metadata → normalize → record. Pure: everything it needs comes in through its arguments.
#include "corpus_clean/pipeline.hpp"

#include <algorithm>
#include <unordered_set>

#include "document/format.hpp"
#include "document/front_matter.hpp"
#include "document/metadata.hpp"
#include "document/yaml_meta.hpp"
#include "extract/extract.hpp"
#include "extract/html_document.hpp"
#include "extract/main_content.hpp"
#include "extract/page_metadata.hpp"
#include "input/decode.hpp"
#include "input/read.hpp"
#include "output/record_text.hpp"
#include "rules/repair.hpp"
#include "rules/rules.hpp"
#include "text/chars.hpp"
#include "text/strings.hpp"

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
  Extraction extraction;
  std::optional<PageMetadata> page;  // a whole page's <head>
  Harvest harvest;
};

// Parses an HTML body once: the page's own metadata and the blocks come from the same tree, the
// blocks from the article alone when main-content selection applies (a whole page, or a body
// no site rule set recognises).
Extraction extract_html_document(std::string_view body, Cleaned& out, const Context& context,
                                 ExtractOptions& extract_options,
                                 std::vector<DroppedElement>& dropped,
                                 std::vector<ExplainEntry>* explain) {
  const Options& options = context.options();
  const html::Document doc = html::Document::parse(body, {.max_depth = options.max_html_depth});
  if (doc.is_whole_page())
    out.page = read_page_metadata(doc);
  std::vector<const GumboNode*> roots{doc.root()};
  MainContent choice;
  if (options.extract == ExtractMode::article && (doc.is_whole_page() || !out.site)) {
    choice = choose_main_content(doc, context.rules().main_content(), extract_options.drop);
    if (!choice.roots.empty()) {
      roots = choice.roots;
      extract_options.skip = &choice.pruned;
    }
    for (std::size_t i = 0; explain && i < choice.notes.size(); ++i) {
      const MainContent::Note& note = choice.notes[i];
      explain->push_back(ExplainEntry{"main_content", "",
                                      note.pruned ? RuleAction::prune : RuleAction::select,
                                      "main-content selection", note.text});
    }
  }
  HtmlExtraction html = extract_html_blocks(doc, roots, extract_options);
  dropped = std::move(html.dropped);
  return std::move(html.extraction);
}

Cleaned extract_and_apply_rules(const Document& document, const FrontMatterSplit& split,
                                const Json& meta, const Context& context,
                                std::vector<ExplainEntry>* explain) {
  const Options& options = context.options();
  const RuleBook& rules = context.rules();
  Cleaned out;
  out.format = detect_format(split.body);
  out.site = rules.recognise(meta, split.body, document.id, document.path);
  ExtractOptions extract_options;
  extract_options.max_html_depth = options.max_html_depth;
  extract_options.drop = &rules.drop_selectors(out.site);
  extract_options.describe_dropped = options.explain;
  extract_options.image_attributes = &rules.vocabulary().image_attributes;
  std::vector<DroppedElement> dropped;
  if (out.format == Format::html) {
    out.extraction =
        extract_html_document(split.body, out, context, extract_options, dropped, explain);
  } else {
    out.extraction = extract(split.body, out.format, extract_options);
  }
  trim_blocks(out.extraction.blocks);
  if (explain)
    explain_dropped(dropped, out.site, rules.generic(), *explain);
  const Vocabulary& vocabulary = rules.vocabulary();
  if (out.site)
    apply_block_rules(*out.site, vocabulary, out.extraction.blocks, out.harvest, explain);
  apply_block_rules(rules.generic(), vocabulary, out.extraction.blocks, out.harvest, explain);
  if ((out.site && out.site->repairs(out.format)) || rules.generic().repairs(out.format))
    repair_page_breaks(out.extraction.blocks);
  return out;
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
  record.url = metadata.url ? std::move(metadata.url) : std::move(harvest.url);
  record.categories = std::move(metadata.categories);
  record.tags = std::move(metadata.tags);
  std::vector<std::string> images = std::move(metadata.images);
  std::vector<std::string>& found = cleaned.extraction.images;
  images.insert(images.end(), std::make_move_iterator(found.begin()),
                std::make_move_iterator(found.end()));
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
  Result<Decoded> decoded = decode(std::move(document.bytes));
  if (!decoded)
    return failed(document, std::move(decoded).take_error(), bytes_in);
  Result<FrontMatterSplit> split = split_front_matter(decoded->text);
  if (!split)
    return failed(document, std::move(split).take_error(), bytes_in);
  Result<Json> meta = parse_front_matter(*split, options.yaml_limits);
  if (!meta)
    return failed(document, std::move(meta).take_error(), bytes_in);

  Outcome outcome;
  outcome.bytes_in = bytes_in;
  // What each rule did is collected for --explain, and for --stats' per-rule counts.
  const bool note_rules = options.explain || options.stats_path.has_value();
  std::vector<ExplainEntry>* explain = note_rules ? &outcome.explain : nullptr;
  Cleaned cleaned = extract_and_apply_rules(document, *split, *meta, context, explain);

  DocumentMetadata metadata =
      metadata_from_front_matter(*meta, context.rules().vocabulary().front_matter, options.dates);
  if (!metadata.date && cleaned.harvest.date)
    metadata.date = to_iso8601(*cleaned.harvest.date, options.dates);
  take_title_and_date_from_body(cleaned.extraction.blocks, cleaned.format, options.dates, metadata);

  outcome.warnings = decode_warnings(*decoded);
  if (cleaned.extraction.flattened_tags > 0)
    outcome.warnings.push_back(flattened_warning(cleaned.extraction, options.max_html_depth));
  outcome.warnings.insert(outcome.warnings.end(),
                          std::make_move_iterator(metadata.warnings.begin()),
                          std::make_move_iterator(metadata.warnings.end()));
  build_record(document, cleaned, metadata, std::move(meta).value(), context, outcome);
  return outcome;
}

}  // namespace corpus_clean

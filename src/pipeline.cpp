// The per-document pipeline: decode → front matter → YAML → format → extract → metadata →
// normalize → record. Pure: everything it needs comes in through its arguments.
#include "corpus_clean/pipeline.hpp"

#include <algorithm>
#include <unordered_set>

#include "corpus_clean/decode.hpp"
#include "corpus_clean/format.hpp"
#include "corpus_clean/front_matter.hpp"
#include "corpus_clean/metadata.hpp"
#include "corpus_clean/read.hpp"
#include "corpus_clean/record.hpp"
#include "corpus_clean/repair.hpp"
#include "corpus_clean/yaml_meta.hpp"

namespace corpus_clean {

Context::Context(Options options, RuleBook rules)
    : options_(std::move(options)), normalizer_(options_.normalize), rules_(std::move(rules)) {}

Result<std::unique_ptr<Context>> Context::create(Options options) {
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
  return std::unique_ptr<Context>(new Context(std::move(options), std::move(rules).value()));
}

namespace {

Outcome failed(const InputFile& input, Error error, std::uint64_t bytes_in = 0) {
  Outcome outcome;
  outcome.bytes_in = bytes_in;
  outcome.kind = Outcome::Kind::failed;
  error.path = input.path;
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
  static constexpr std::string_view kSpaces[] = {" ", "\t", "\u3000", "\u00A0"};
  for (Block& block : blocks) {
    std::string_view text = block.text;
    bool changed = true;
    while (changed) {
      changed = false;
      for (std::string_view space : kSpaces) {
        if (text.starts_with(space)) {
          text.remove_prefix(space.size());
          changed = true;
        }
        if (text.ends_with(space)) {
          text.remove_suffix(space.size());
          changed = true;
        }
      }
    }
    if (text.size() != block.text.size())
      block.text = std::string(text);
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

}  // namespace

Outcome process_document(const InputFile& input, std::string bytes, const Context& context) {
  const Options& options = context.options();
  const std::uint64_t bytes_in = bytes.size();
  Result<Decoded> decoded = decode(std::move(bytes));
  if (!decoded)
    return failed(input, std::move(decoded).take_error(), bytes_in);
  const std::string& text = decoded->text;
  std::vector<std::string> decode_warnings;
  if (decoded->encoding != "UTF-8")
    decode_warnings.push_back("decoded as " + decoded->encoding);
  if (decoded->replaced > 0) {
    decode_warnings.push_back(std::to_string(decoded->replaced) +
                              " invalid bytes replaced with U+FFFD");
  }

  Result<FrontMatterSplit> split = split_front_matter(text);
  if (!split)
    return failed(input, std::move(split).take_error(), bytes_in);
  Result<Json> meta = parse_front_matter(*split, options.yaml_limits);
  if (!meta)
    return failed(input, std::move(meta).take_error(), bytes_in);

  const Format format = detect_format(split->body);
  const RuleBook& rules = context.rules();
  const RuleSet* site = rules.recognise(*meta, split->body, input.id, input.path);
  const std::vector<Selector>& selectors = rules.drop_selectors(site);
  ExtractOptions extract_options;
  extract_options.max_html_depth = options.max_html_depth;
  extract_options.drop = &selectors;
  extract_options.describe_dropped = options.explain;
  std::vector<DroppedElement> dropped;
  Extraction extraction = extract(split->body, format, extract_options, &dropped);
  trim_blocks(extraction.blocks);

  Outcome outcome;
  outcome.bytes_in = bytes_in;
  // What each rule did is collected for --explain, and for --stats' per-rule counts.
  const bool note_rules = options.explain || options.stats_path.has_value();
  std::vector<ExplainEntry>* explain = note_rules ? &outcome.explain : nullptr;
  if (explain)
    explain_dropped(dropped, site, rules.generic(), *explain);
  Harvest harvest;
  if (site)
    apply_block_rules(*site, extraction.blocks, harvest, explain);
  apply_block_rules(rules.generic(), extraction.blocks, harvest, explain);
  if ((site && site->repairs(format)) || rules.generic().repairs(format)) {
    repair_page_breaks(extraction.blocks);
  }

  DocumentMetadata metadata = metadata_from_front_matter(*meta, options.dates);
  if (!metadata.date && harvest.date)
    metadata.date = to_iso8601(*harvest.date, options.dates);
  take_title_and_date_from_body(extraction.blocks, format, options.dates, metadata);

  outcome.warnings = std::move(decode_warnings);
  if (extraction.flattened_tags > 0) {
    outcome.warnings.push_back("HTML nested " + std::to_string(extraction.deepest) +
                               " deep, past the limit of " +
                               std::to_string(options.max_html_depth) +
                               " (--max-html-depth): " + std::to_string(extraction.flattened_tags) +
                               " tags flattened, their text kept");
  }
  outcome.warnings.insert(outcome.warnings.end(),
                          std::make_move_iterator(metadata.warnings.begin()),
                          std::make_move_iterator(metadata.warnings.end()));
  Record& record = outcome.record;
  record.id = input.id;
  record.path = input.path;
  record.site = site ? site->name() : "generic";
  record.format = format;
  record.date = std::move(metadata.date);
  record.author = std::move(metadata.author);
  record.source = std::move(harvest.source);
  record.reporters = std::move(harvest.reporters);
  record.editors = std::move(harvest.editors);
  record.url = metadata.url ? std::move(metadata.url) : std::move(harvest.url);
  record.categories = std::move(metadata.categories);
  record.tags = std::move(metadata.tags);
  std::vector<std::string> images = std::move(metadata.images);
  images.insert(images.end(), std::make_move_iterator(extraction.images.begin()),
                std::make_move_iterator(extraction.images.end()));
  record.images = unique(std::move(images));

  if (options.normalize_text) {
    const Normalizer& normalizer = context.normalizer();
    for (Block& block : extraction.blocks)
      block.text = normalizer.normalize(block.text, &outcome.normalization);
    if (metadata.title)
      metadata.title = normalizer.normalize(*metadata.title, &outcome.normalization);
  }
  record.title = std::move(metadata.title);
  set_text(record, extraction.blocks);
  record.meta = std::move(meta).value();
  // A harvested field the record has no key for is kept in meta, unless the front matter
  // already has that key.
  if (harvest.original_title && record.meta.is_object() &&
      !record.meta.contains("original_title")) {
    record.meta["original_title"] = *harvest.original_title;
  }
  return outcome;
}

Outcome process_file(const InputFile& input, const Context& context) {
  Result<std::string> bytes = read_file(input.path, context.options().max_bytes);
  if (!bytes)
    return failed(input, std::move(bytes).take_error());
  return process_document(input, std::move(bytes).value(), context);
}

}  // namespace corpus_clean

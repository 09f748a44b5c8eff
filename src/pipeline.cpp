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
#include "corpus_clean/yaml_meta.hpp"

namespace corpus_clean {

Context::Context(Options options) : options_(std::move(options)), normalizer_(options_.normalize) {}

Result<std::unique_ptr<Context>> Context::create(Options options) {
  return std::unique_ptr<Context>(new Context(std::move(options)));
}

namespace {

Outcome failed(const InputFile& input, Error error) {
  Outcome outcome;
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

}  // namespace

Outcome process_document(const InputFile& input, std::string bytes, const Context& context) {
  const Options& options = context.options();
  Result<Decoded> decoded = decode(std::move(bytes));
  if (!decoded)
    return failed(input, std::move(decoded).take_error());
  const std::string& text = decoded->text;

  Result<FrontMatterSplit> split = split_front_matter(text);
  if (!split)
    return failed(input, std::move(split).take_error());
  Result<Json> meta = parse_front_matter(*split, options.yaml_limits);
  if (!meta)
    return failed(input, std::move(meta).take_error());

  const Format format = detect_format(split->body);
  ExtractOptions extract_options;
  extract_options.max_html_depth = options.max_html_depth;
  Extraction extraction = extract(split->body, format, extract_options);

  DocumentMetadata metadata = metadata_from_front_matter(*meta, options.dates);
  take_title_and_date_from_body(extraction.blocks, format, options.dates, metadata);

  Outcome outcome;
  outcome.warnings = std::move(metadata.warnings);
  Record& record = outcome.record;
  record.id = input.id;
  record.path = input.path;
  record.format = format;
  record.date = std::move(metadata.date);
  record.author = std::move(metadata.author);
  record.url = std::move(metadata.url);
  record.categories = std::move(metadata.categories);
  record.tags = std::move(metadata.tags);
  std::vector<std::string> images = std::move(metadata.images);
  images.insert(images.end(), std::make_move_iterator(extraction.images.begin()),
                std::make_move_iterator(extraction.images.end()));
  record.images = unique(std::move(images));

  if (options.normalize_text) {
    const Normalizer& normalizer = context.normalizer();
    for (Block& block : extraction.blocks)
      block.text = normalizer.normalize(block.text);
    if (metadata.title)
      metadata.title = normalizer.normalize(*metadata.title);
  }
  record.title = std::move(metadata.title);
  set_text(record, extraction.blocks);
  record.meta = std::move(meta).value();
  return outcome;
}

Outcome process_file(const InputFile& input, const Context& context) {
  Result<std::string> bytes = read_file(input.path, context.options().max_bytes);
  if (!bytes)
    return failed(input, std::move(bytes).take_error());
  return process_document(input, std::move(bytes).value(), context);
}

}  // namespace corpus_clean

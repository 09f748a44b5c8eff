// The per-document pipeline: bytes in, one outcome out (a record or an error). A pure function
// of its input and a read-only Context built once at start-up, so any number of threads may run
// it at once on one Context.
//
//   auto context = corpus_clean::Context::create(corpus_clean::Options{});
//   if (!context) { /* context.error().message() */ }
//   corpus_clean::Document doc{"post.md", "data/post.md", bytes, {}};
//   corpus_clean::Outcome outcome = corpus_clean::process_document(std::move(doc), **context);
//   if (outcome.kind == corpus_clean::Outcome::Kind::record)
//     std::string line = corpus_clean::to_json_line(outcome.record);   // record.hpp
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corpus_clean/error.hpp"
#include "corpus_clean/normalize.hpp"
#include "corpus_clean/options.hpp"
#include "corpus_clean/types.hpp"

namespace corpus_clean {

class RuleBook;  // the compiled boilerplate rules (private to the library)

// Built once from Options; everything the stages need that is costly to make. Fails when a
// rules file cannot be read or is invalid, or when ICU cannot build its tables.
class Context {
 public:
  static Result<std::unique_ptr<Context>> create(Options options);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const Options& options() const { return options_; }
  const Normalizer& normalizer() const { return normalizer_; }
  const RuleBook& rules() const { return *rules_; }

 private:
  Context(Options options, Normalizer normalizer, std::unique_ptr<const RuleBook> rules);
  Options options_;
  Normalizer normalizer_;
  std::unique_ptr<const RuleBook> rules_;
};

struct Outcome {
  enum class Kind { record, failed };
  Kind kind = Kind::record;
  Record record;                      // kind == record
  std::optional<Error> error;         // kind == failed
  std::vector<std::string> warnings;  // worth telling the user, whatever the kind
  std::vector<ExplainEntry> explain;  // with --explain or --stats: what each rule did
  std::uint64_t bytes_in = 0;         // the document's size as read
  NormalizeCounts normalization;      // changes per normalization rule
  bool rules_removed_most = false;    // the block rules removed over half of the text
};

// Runs every stage from decode to record on one document.
Outcome process_document(Document document, const Context& context);

}  // namespace corpus_clean

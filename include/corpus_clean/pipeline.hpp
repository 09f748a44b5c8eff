// The per-document pipeline: bytes in, one outcome out (a record, a counted drop, or an
// error). A pure function of its input and a read-only Context built once at start-up, so
// any number of threads may run it at once on one Context.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corpus_clean/error.hpp"
#include "corpus_clean/extract.hpp"
#include "corpus_clean/normalize.hpp"
#include "corpus_clean/options.hpp"
#include "corpus_clean/rules.hpp"
#include "corpus_clean/types.hpp"

namespace corpus_clean {

// Built once from Options; everything the stages need that is costly to make. Fails when a
// rules file cannot be read or is invalid.
class Context {
 public:
  static Result<std::unique_ptr<Context>> create(Options options);

  const Options& options() const { return options_; }
  const Normalizer& normalizer() const { return normalizer_; }
  const RuleBook& rules() const { return rules_; }

 private:
  Context(Options options, RuleBook rules);
  Options options_;
  Normalizer normalizer_;
  RuleBook rules_;
};

struct Outcome {
  enum class Kind { record, dropped, failed };
  Kind kind = Kind::record;
  Record record;                      // kind == record
  std::string drop_reason;            // kind == dropped
  std::optional<Error> error;         // kind == failed
  std::vector<std::string> warnings;  // worth telling the user, whatever the kind
  std::vector<ExplainEntry> explain;  // with --explain or --stats: what each rule did
  std::uint64_t bytes_in = 0;         // the document's size as read
  NormalizeCounts normalization;      // changes per normalization rule
};

// Runs every stage from decode to record on one document's bytes.
Outcome process_document(const InputFile& input, std::string bytes, const Context& context);

// read + process_document.
Outcome process_file(const InputFile& input, const Context& context);

}  // namespace corpus_clean

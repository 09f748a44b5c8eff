// What a run tells its user besides the records: diagnostics on standard error ("corpus-clean:
// PATH: ..."), warnings and --explain lines, the --errors log, the progress line, the summary
// line and the --stats JSON. The writer thread alone calls it, in input order.
#pragma once

#include <chrono>
#include <cstdint>
#include <fstream>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "corpus_clean/error.hpp"
#include "corpus_clean/normalize.hpp"
#include "corpus_clean/options.hpp"
#include "corpus_clean/pipeline.hpp"

namespace corpus_clean {

class OutputSink;

inline constexpr std::string_view kTool = "corpus-clean";

// The run's numbers. Every input document ends as exactly one of records, a drop, a skip or a
// failure, so inputs = records + dropped + skipped + failed.
struct Stats {
  std::uint64_t inputs = 0;
  std::uint64_t records = 0;
  std::map<std::string, std::uint64_t> drops;   // by reason
  std::map<std::string, std::uint64_t> skips;   // by reason
  std::map<std::string, std::uint64_t> errors;  // by "stage/code"
  std::uint64_t bytes_in = 0;
  std::map<std::string, std::uint64_t> sites;
  std::map<std::string, std::uint64_t> rules;  // by "set origin"
  std::uint64_t rules_removed_over_half = 0;   // documents the rules took most text from
  NormalizeCounts normalization;

  std::uint64_t dropped() const;
  std::uint64_t skipped() const;
  std::uint64_t failed() const;
  std::string to_json(double seconds, const OutputSink& sink) const;
};

class Report {
 public:
  Report(const Options& options, std::ostream& err);

  // Opens the --errors log; false (with a message) when it cannot be.
  bool open_error_log();
  // Opens the --dedup-log; false (with a message) when it cannot be.
  bool open_dedup_log();
  // Where the duplicate filters log their drops: nullptr without --dedup-log.
  std::ostream* dedup_log() { return dedup_log_; }

  void error(const Error& error);         // prints it, logs it, counts it as a failed input
  void note(const std::string& message);  // a plain "corpus-clean: ..." line unless --quiet
  void warning(const std::string& path, const std::string& warning);
  void skipped(std::string_view reason);
  void dropped(std::string_view reason);
  void written(const std::string& site);
  // What the pipeline noticed of one document: bytes, normalization and rule counts, warnings
  // and --explain lines.
  void processed(const std::string& path, const Outcome& outcome);

  // The progress line, redrawn at most five times a second once a run has lasted a moment.
  void progress(std::size_t inputs_done, std::size_t inputs_total);
  // Clears the progress line, writes --stats and the summary line. False when --stats could
  // not be written.
  bool finish(const OutputSink& sink);

  Stats& stats() { return stats_; }
  const Stats& stats() const { return stats_; }

 private:
  using Clock = std::chrono::steady_clock;
  const Options& options_;
  std::ostream& err_;
  Stats stats_;
  std::unique_ptr<std::ofstream> error_file_;
  std::ostream* error_log_ = nullptr;
  std::unique_ptr<std::ofstream> dedup_file_;
  std::ostream* dedup_log_ = nullptr;
  bool progress_enabled_;
  Clock::time_point started_;
  Clock::time_point last_drawn_;
  bool drawn_ = false;
};

}  // namespace corpus_clean

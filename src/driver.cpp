// The driver: discovery, the per-document pipeline on worker threads, and the one writer that
// puts outcomes out in input order. The only place that knows about threads, files and streams.
//
// Workers claim documents in input order and read, process and serialize them; the writer (the
// calling thread) takes the outcomes back in the same order. A worker may run at most `window`
// documents ahead of the writer, so memory depends on the window, not on the corpus, and the
// output is the same bytes for any number of workers.
#include "corpus_clean/driver.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "corpus_clean/discover.hpp"
#include "corpus_clean/output.hpp"
#include "corpus_clean/pipeline.hpp"
#include "corpus_clean/record.hpp"

namespace corpus_clean {
namespace {

constexpr std::string_view kTool = "corpus-clean";

void report(std::ostream& err, const Error& error) {
  err << kTool << ": " << error.message() << '\n';
}

std::string error_json_line(const Error& error) {
  Json line = Json::object();
  line["path"] = error.path;
  line["stage"] = std::string(to_string(error.stage));
  line["code"] = std::string(to_string(error.code));
  line["message"] = error.detail;
  return line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

// Where failed inputs are listed as JSON lines (--errors).
class ErrorLog {
 public:
  explicit ErrorLog(const std::optional<std::string>& path) {
    if (!path)
      return;
    if (*path == "-") {
      out_ = &std::cout;
    } else {
      file_ = std::make_unique<std::ofstream>(*path, std::ios::binary | std::ios::trunc);
      out_ = file_.get();
    }
  }
  bool ok() const { return !out_ || static_cast<bool>(*out_); }
  void add(const Error& error) {
    if (out_)
      *out_ << error_json_line(error) << std::flush;
  }

 private:
  std::unique_ptr<std::ofstream> file_;
  std::ostream* out_ = nullptr;
};

// A document's outcome, serialized by the worker so the writer only copies bytes.
struct Processed {
  Outcome outcome;
  std::string line;  // the JSON line when outcome.kind == record
  // What the writer's filters and statistics need of the record.
  std::string site;
  std::string hash;
  std::int64_t chars = 0;
};

// The hand-over between workers and the writer: a ring of `window` slots.
class OrderedQueue {
 public:
  OrderedQueue(std::size_t count, std::size_t window) : count_(count), slots_(window) {}

  // The next document index for a worker, or nullopt when there is none or the run stops.
  // Blocks while that index is a whole window ahead of the writer.
  std::optional<std::size_t> claim() {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] {
      return stopped_ || next_claim_ >= count_ || next_claim_ < taken_ + slots_.size();
    });
    if (stopped_ || next_claim_ >= count_)
      return std::nullopt;
    return next_claim_++;
  }

  void put(std::size_t index, Processed processed) {
    {
      std::lock_guard lock(mutex_);
      slots_[index % slots_.size()] = std::move(processed);
    }
    ready_.notify_all();
  }

  // The outcome of document `index`, which must be the next one in order.
  Processed take(std::size_t index) {
    std::unique_lock lock(mutex_);
    std::optional<Processed>& slot = slots_[index % slots_.size()];
    ready_.wait(lock, [&] { return slot.has_value(); });
    Processed processed = std::move(*slot);
    slot.reset();
    ++taken_;
    lock.unlock();
    space_.notify_all();
    return processed;
  }

  // Workers finish the document in hand and claim no more.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    space_.notify_all();
  }

 private:
  const std::size_t count_;
  std::vector<std::optional<Processed>> slots_;
  std::mutex mutex_;
  std::condition_variable space_;
  std::condition_variable ready_;
  std::size_t next_claim_ = 0;
  std::size_t taken_ = 0;
  bool stopped_ = false;
};

Processed process(const InputFile& input, const Context& context) {
  Processed processed{process_file(input, context), {}, {}, {}, 0};
  if (processed.outcome.kind == Outcome::Kind::record) {
    Record& record = processed.outcome.record;
    append_json_line(processed.line, record);
    processed.site = std::move(record.site);
    processed.hash = std::move(record.hash);
    processed.chars = record.chars;
    record = Record{};  // the line is all the writer needs
  }
  return processed;
}

std::size_t worker_count(const Options& options, std::size_t documents) {
  std::size_t jobs = options.jobs;
  if (jobs == 0)
    jobs = std::max(1u, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1, std::min(jobs, documents));
}

Result<std::vector<std::string>> gather_inputs(const Options& options) {
  std::vector<std::string> inputs = options.inputs;
  if (!options.files_from)
    return inputs;
  if (*options.files_from == "-") {
    for (std::string& p : read_path_list(std::cin))
      inputs.push_back(std::move(p));
    return inputs;
  }
  std::ifstream list(*options.files_from);
  if (!list) {
    return make_error(ErrorCode::not_found, Stage::discover,
                      *options.files_from + ": cannot open the list of inputs (--files-from)");
  }
  for (std::string& p : read_path_list(list))
    inputs.push_back(std::move(p));
  return inputs;
}

// The run's numbers, for --stats and the summary line.
struct Stats {
  std::uint64_t inputs = 0;
  std::uint64_t records = 0;
  std::map<std::string, std::uint64_t> drops;   // by reason
  std::map<std::string, std::uint64_t> errors;  // by "stage/code"
  std::uint64_t bytes_in = 0;
  std::map<std::string, std::uint64_t> sites;
  std::map<std::string, std::uint64_t> rules;  // by "set origin"
  NormalizeCounts normalization;

  std::uint64_t dropped() const {
    std::uint64_t n = 0;
    for (const auto& [reason, count] : drops)
      n += count;
    return n;
  }
  std::uint64_t failed() const {
    std::uint64_t n = 0;
    for (const auto& [key, count] : errors)
      n += count;
    return n;
  }

  void add_rule_hits(const std::vector<ExplainEntry>& entries) {
    for (const ExplainEntry& e : entries) {
      if (!e.after_cut)
        ++rules[e.rule_set + " " + e.origin];
    }
  }

  std::string to_json(double seconds, const OutputSink& sink) const {
    Json out = Json::object();
    out["inputs"] = inputs;
    out["records"] = records;
    out["dropped"] = dropped();
    out["failed"] = failed();
    out["drops"] = drops;
    out["errors"] = errors;
    out["bytes_in"] = bytes_in;
    out["bytes_out"] = sink.bytes_written();
    out["bytes_out_compressed"] = sink.bytes_on_disk();
    out["sites"] = sites;
    out["rules"] = rules;
    Json normalize = Json::object();
    for (int id = 1; id <= kNormalizeRuleCount; ++id) {
      normalize["N" + std::to_string(id)] = normalization.changes[static_cast<std::size_t>(id)];
    }
    out["normalization"] = normalize;
    out["seconds"] = seconds;
    out["docs_per_second"] = seconds > 0 ? static_cast<double>(inputs) / seconds : 0.0;
    out["mb_per_second"] = seconds > 0 ? static_cast<double>(bytes_in) / 1e6 / seconds : 0.0;
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  }
};

// "12/340 files  3.4 MB/s  ETA 0:12  2 errors" on stderr, redrawn in place, at most five
// times a second, and only once a run has lasted a moment.
class Progress {
 public:
  Progress(bool enabled, std::size_t total, std::ostream& err)
      : enabled_(enabled), total_(total), err_(err), start_(Clock::now()), last_(start_) {}

  void update(std::size_t done, std::uint64_t bytes, std::uint64_t errors) {
    if (!enabled_)
      return;
    const auto now = Clock::now();
    if (now - start_ < std::chrono::milliseconds(500) ||
        now - last_ < std::chrono::milliseconds(200)) {
      return;
    }
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = static_cast<double>(done) / seconds;
    const auto eta =
        rate > 0 ? static_cast<long long>(static_cast<double>(total_ - done) / rate) : 0;
    char line[160];
    std::snprintf(line, sizeof line, "\r%zu/%zu files  %.1f MB/s  ETA %lld:%02lld  %llu errors ",
                  done, total_, static_cast<double>(bytes) / 1e6 / seconds, eta / 60, eta % 60,
                  static_cast<unsigned long long>(errors));
    err_ << line << std::flush;
    drawn_ = true;
  }

  void finish() {
    if (drawn_)
      err_ << "\r\033[K" << std::flush;  // clear the line
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  std::size_t total_;
  std::ostream& err_;
  Clock::time_point start_;
  Clock::time_point last_;
  bool drawn_ = false;
};

}  // namespace

RunSummary run(const Options& options, std::ostream& err) {
  RunSummary summary;
  Result<std::vector<std::string>> inputs = gather_inputs(options);
  if (!inputs) {
    report(err, inputs.error());
    summary.exit_code = kExitUsage;
    return summary;
  }
  Result<std::unique_ptr<Context>> context = Context::create(options);
  if (!context) {
    report(err, context.error());
    summary.exit_code = kExitUsage;
    return summary;
  }
  ErrorLog error_log(options.errors_path);
  if (!error_log.ok()) {
    err << kTool << ": " << *options.errors_path << ": cannot open the error log\n";
    summary.exit_code = kExitOutput;
    return summary;
  }

  const auto started = std::chrono::steady_clock::now();
  Discovery discovery = discover(*inputs);
  select_inputs(discovery, options.selection);
  if (!options.quiet) {
    for (const Error& warning : discovery.warnings)
      err << kTool << ": " << warning.message() << '\n';
  }
  Result<std::unique_ptr<OutputSink>> opened = OutputSink::open(options.output);
  if (!opened) {
    report(err, opened.error());
    summary.exit_code = kExitOutput;
    return summary;
  }
  OutputSink& sink = **opened;

  Stats stats;
  auto fail = [&](const Error& error) {
    ++stats.errors[std::string(to_string(error.stage)) + "/" + std::string(to_string(error.code))];
    report(err, error);
    error_log.add(error);
  };
  stats.inputs = discovery.files.size() + discovery.errors.size();
  for (const Error& error : discovery.errors)
    fail(error);
  if (options.strict && stats.failed() > 0) {
    err << kTool << ": stopped at the first failed input (--strict); no output written\n";
    summary.exit_code = kExitSomeFailed;
    return summary;
  }

  const std::vector<InputFile>& files = discovery.files;
  const std::size_t workers = worker_count(options, files.size());
  OrderedQueue queue(files.size(), std::max<std::size_t>(options.window, workers * 2));
  std::vector<std::jthread> threads;
  threads.reserve(workers);
  for (std::size_t w = 0; w < workers && !files.empty(); ++w) {
    threads.emplace_back([&] {
      while (std::optional<std::size_t> index = queue.claim()) {
        queue.put(*index, process(files[*index], **context));
      }
    });
  }

  Progress progress(options.progress || (!options.quiet && isatty(STDERR_FILENO)), files.size(),
                    err);
  std::unordered_set<std::string> seen_hashes;
  auto drop = [&](const char* reason) { ++stats.drops[reason]; };
  bool stopped_early = false;
  for (std::size_t index = 0; index < files.size(); ++index) {
    Processed processed = queue.take(index);
    const Outcome& outcome = processed.outcome;
    const std::string& path = files[index].path;
    stats.bytes_in += outcome.bytes_in;
    stats.normalization += outcome.normalization;
    stats.add_rule_hits(outcome.explain);
    if (!options.quiet) {
      for (const std::string& warning : outcome.warnings) {
        err << kTool << ": " << path << ": warning: " << warning << '\n';
      }
    }
    if (options.explain) {
      for (const ExplainEntry& e : outcome.explain) {
        err << kTool << ": " << path << ": explain: " << to_string(e.action) << " [" << e.rule_set
            << (e.origin.empty() ? "" : " " + e.origin) << "] " << e.why << ": " << e.text << '\n';
      }
    }
    switch (outcome.kind) {
      case Outcome::Kind::record:
        // The filters, in the writer so that --dedup keeps the first in input order.
        if (!options.sites.empty() && std::find(options.sites.begin(), options.sites.end(),
                                                processed.site) == options.sites.end()) {
          drop("site");
        } else if (processed.chars < static_cast<std::int64_t>(options.min_chars)) {
          drop("min_chars");
        } else if (options.dedup_exact && !seen_hashes.insert(processed.hash).second) {
          drop("duplicate");
        } else if (sink.write(processed.line)) {
          ++stats.records;
          ++stats.sites[processed.site];
        }
        break;
      case Outcome::Kind::dropped:
        drop(outcome.drop_reason.c_str());
        break;
      case Outcome::Kind::failed:
        fail(*outcome.error);
        break;
    }
    progress.update(index + 1, stats.bytes_in, stats.failed());
    if (sink.reader_gone() || sink.error() || (options.strict && stats.failed() > 0)) {
      stopped_early = true;
      break;
    }
  }
  queue.stop();
  threads.clear();  // joins
  progress.finish();

  summary.inputs = stats.inputs;
  summary.records = stats.records;
  summary.dropped = stats.dropped();
  summary.failed = stats.failed();
  if (options.strict && summary.failed > 0) {
    // A stopped run is a failed run: its output file is not put in place.
    err << kTool << ": stopped at the first failed input (--strict); no output written\n";
    summary.exit_code = kExitSomeFailed;
    return summary;
  }
  if (!stopped_early)
    sink.commit();
  if (sink.reader_gone())
    return summary;  // the reader has all it wanted: a quiet end
  if (sink.error()) {
    report(err, *sink.error());
    summary.exit_code = kExitOutput;
    return summary;
  }
  if (options.stats_path) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::string json = stats.to_json(seconds, sink);
    if (*options.stats_path == "-") {
      // Standard output, unless the records go there: then standard error, so that the
      // record stream stays JSON Lines.
      (options.output == "-" ? err : std::cout) << json << std::flush;
    } else {
      std::ofstream out(*options.stats_path, std::ios::binary | std::ios::trunc);
      out << json;
      if (!out) {
        err << kTool << ": " << *options.stats_path << ": cannot write the statistics\n";
        summary.exit_code = kExitOutput;
        return summary;
      }
    }
  }
  if (!options.quiet) {
    err << kTool << ": " << summary.records << " records, " << summary.dropped << " dropped, "
        << summary.failed << " failed (" << summary.inputs << " inputs)\n";
  }
  summary.exit_code = summary.failed > 0 ? kExitSomeFailed : kExitOk;
  return summary;
}

}  // namespace corpus_clean

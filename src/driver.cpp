// The driver: discovery, the per-document pipeline on worker threads, and the one writer that
// puts outcomes out in input order. The only place that knows about threads, files and streams.
//
// Workers claim documents in input order and read, process and serialize them; the writer (the
// calling thread) takes the outcomes back in the same order. A worker may run at most `window`
// documents ahead of the writer, so memory depends on the window, not on the corpus, and the
// output is the same bytes for any number of workers.
#include "corpus_clean/driver.hpp"

#include <algorithm>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

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
  Processed processed{process_file(input, context), {}};
  if (processed.outcome.kind == Outcome::Kind::record) {
    append_json_line(processed.line, processed.outcome.record);
    processed.outcome.record = Record{};  // the line is all the writer needs
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

  const Discovery discovery = discover(*inputs);
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

  auto fail = [&](const Error& error) {
    ++summary.failed;
    report(err, error);
    error_log.add(error);
  };
  summary.inputs = discovery.files.size() + discovery.errors.size();
  for (const Error& error : discovery.errors)
    fail(error);
  if (options.strict && summary.failed > 0) {
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

  bool stopped_early = false;
  for (std::size_t index = 0; index < files.size(); ++index) {
    Processed processed = queue.take(index);
    const Outcome& outcome = processed.outcome;
    const std::string& path = files[index].path;
    if (!options.quiet) {
      for (const std::string& warning : outcome.warnings) {
        err << kTool << ": " << path << ": warning: " << warning << '\n';
      }
    }
    for (const ExplainEntry& e : outcome.explain) {
      err << kTool << ": " << path << ": explain: " << to_string(e.action) << " [" << e.rule_set
          << (e.origin.empty() ? "" : " " + e.origin) << "] " << e.why << ": " << e.text << '\n';
    }
    switch (outcome.kind) {
      case Outcome::Kind::record:
        if (sink.write(processed.line))
          ++summary.records;
        break;
      case Outcome::Kind::dropped:
        ++summary.dropped;
        break;
      case Outcome::Kind::failed:
        fail(*outcome.error);
        break;
    }
    if (sink.reader_gone() || sink.error() || (options.strict && summary.failed > 0)) {
      stopped_early = true;
      break;
    }
  }
  queue.stop();
  threads.clear();  // joins

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
  if (!options.quiet) {
    err << kTool << ": " << summary.records << " records, " << summary.dropped << " dropped, "
        << summary.failed << " failed (" << summary.inputs << " inputs)\n";
  }
  summary.exit_code = summary.failed > 0 ? kExitSomeFailed : kExitOk;
  return summary;
}

}  // namespace corpus_clean

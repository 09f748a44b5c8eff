// The driver: discovery, a feeder that reads the inputs' sources in order, the per-document
// pipeline on worker threads, and the one writer that puts outcomes out in input order. The only
// place that knows about threads.
//
// The feeder numbers the documents as the sources yield them; workers claim them in that order,
// read the bytes a plain file still owes (so files are read in parallel), process and serialize
// them; the writer (the calling thread) takes the outcomes back in the same order. At most
// `window` documents are in flight, so memory depends on the window, not on the corpus, and
// the output is the same bytes for any number of workers.
#include "corpus_clean/driver.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include "corpus_clean/near_duplicate.hpp"
#include "corpus_clean/pipeline.hpp"
#include "corpus_clean/record.hpp"
#include "input/discover.hpp"
#include "input/source.hpp"
#include "output/report.hpp"
#include "output/sink.hpp"
#include "output/writer.hpp"
#include "run/work_queue.hpp"

namespace corpus_clean {
namespace {

// A document on its way to a worker, and which input it came from.
struct Job {
  SourceItem item;
  std::size_t input = 0;
};

// What a worker hands the writer.
struct Processed {
  std::size_t input = 0;
  std::string path;                        // the file the document came from, for messages
  std::optional<std::string> skip_reason;  // the source passed the document over
  Outcome outcome;                         // otherwise: its record or its error
  SerializedRecord record;                 // outcome.kind == record: the record, serialized
};

using Queue = WorkQueue<Job, Processed>;

// What the documents a container source has read (a WARC file's pages) may hold together while
// they wait for a worker, per worker: enough read-ahead to keep the workers busy, and a bound
// on memory that the window alone (256 documents of up to --max-bytes each) would not give.
// Small on purpose: a page a worker takes soon after the feeder wrote it is still in the
// processor's cache (with 32 MiB, a crawl's pages cost 10 % more CPU than the same pages read
// from files, and twice the memory; docs/PERFORMANCE.md, "Crawls").
constexpr std::size_t kReadAheadBytesPerWorker = std::size_t{2} << 20;

Processed process(Job job, const Context& context) {
  Processed done;
  done.input = job.input;
  SourceItem& item = job.item;
  done.path = item.document.path;
  if (const std::optional<RecordPlace>& place = item.document.hints.place)
    done.path += ": " + place->describe();  // warnings name the record inside its container
  if (item.kind == SourceItem::Kind::skipped) {
    done.skip_reason = std::move(item.skip_reason);
    return done;
  }
  if (item.kind == SourceItem::Kind::failed) {
    done.outcome.kind = Outcome::Kind::failed;
    done.outcome.error = std::move(item.error);
    return done;
  }
  if (item.deferred) {
    Result<bool> loaded = load_document(item.document, {.max_bytes = context.options().max_bytes});
    if (!loaded) {
      done.outcome.kind = Outcome::Kind::failed;
      done.outcome.error = std::move(loaded).take_error();
      done.outcome.error->path = item.document.path;
      return done;
    }
  }
  done.outcome = process_document(std::move(item.document), context);
  if (done.outcome.kind == Outcome::Kind::record) {
    Record& record = done.outcome.record;
    const Options& options = context.options();
    if (options.dedup_near || options.fingerprint) {
      // Here, in parallel; the writer only compares.
      Fingerprint print = fingerprint(record.text, options.near.minhash);
      if (options.fingerprint)
        record.minhash = encode_fingerprint(print);
      done.record.minhash = std::move(print.values);
    }
    append_json_line(done.record.line, record);
    done.record.id = std::move(record.id);
    done.record.site = std::move(record.site);
    done.record.hash = std::move(record.hash);
    done.record.chars = record.chars;
    done.record.lang = record.lang.value_or("");
    record = Record{};  // the serialized record is all the writer needs
  }
  return done;
}

// Pushes every document of every input, in order, then closes the queue. With --shard-by
// document, only the items of this run's shard, by their own id.
void feed(const std::vector<InputFile>& inputs, const Options& options, Queue& queue) {
  const SourceOptions source_options{options.max_bytes, options.input_format, options.jsonl};
  const bool by_document = options.selection.shard_by == ShardBy::document;
  for (std::size_t index = 0; index < inputs.size(); ++index) {
    std::unique_ptr<DocumentSource> source = open_source(inputs[index], source_options);
    while (std::optional<SourceItem> item = source->next()) {
      if (by_document && !in_shard(item->document.id, options.selection))
        continue;
      const std::size_t weight = item->document.bytes.size();
      if (!queue.push(Job{std::move(*item), index}, weight))
        return queue.close();
    }
  }
  queue.close();
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

std::optional<Error> check_options(const Options& options) {
  if (options.errors_path == "-" && options.output == "-") {
    return make_error(ErrorCode::invalid_option, Stage::write,
                      "--errors - and the records would both go to standard output: give "
                      "--errors a file, or -o a file");
  }
  if (options.dedup_log_path == "-" && (options.output == "-" || options.errors_path == "-")) {
    return make_error(ErrorCode::invalid_option, Stage::write,
                      "--dedup-log - and the records or the errors would both go to standard "
                      "output: give --dedup-log a file");
  }
  if (options.dedup_log_path && !options.dedup_exact && !options.dedup_near) {
    return make_error(ErrorCode::invalid_option, Stage::write,
                      "--dedup-log logs what --dedup drops: give --dedup exact, near or "
                      "exact,near");
  }
  if (options.dedup_near || options.fingerprint) {
    if (std::optional<Error> bad = check_near_options(options.near))
      return bad;
  }
  for (const std::string& root : options.walk.follow_roots) {
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) {
      return make_error(ErrorCode::invalid_option, Stage::discover,
                        "--follow-root: '" + root + "' is not a directory");
    }
  }
  return std::nullopt;
}

// What discovery found besides documents, each counted as an input: the entries it passed
// over (by reason, some with a warning) and the inputs that failed.
void report_discovery(const Discovery& discovery, Report& report) {
  for (const Skip& skip : discovery.skips) {
    ++report.stats().inputs;
    report.skipped(skip.reason);
    if (!skip.warning.empty())
      report.note(skip.path + ": " + skip.warning);
  }
  for (const Error& error : discovery.errors) {
    ++report.stats().inputs;
    report.error(error);
  }
}

std::size_t worker_count(const Options& options) {
  const std::size_t jobs = options.jobs != 0 ? options.jobs : std::thread::hardware_concurrency();
  return std::max<std::size_t>(1, jobs);
}

// The writer's side of a run: takes the outcomes in order until the queue is drained, the
// reader has gone, the output failed or --strict stops at a failure. False when it stopped
// early.
bool write_outcomes(Queue& queue, const Discovery& discovery, RecordWriter& writer,
                    const OutputSink& sink, Report& report, const Options& options) {
  while (std::optional<Processed> done = queue.take()) {
    ++report.stats().inputs;
    const Outcome& outcome = done->outcome;
    if (done->skip_reason) {
      report.skipped(*done->skip_reason);
    } else if (outcome.kind == Outcome::Kind::failed) {
      report.processed(done->path, outcome);
      report.error(*outcome.error);
    } else {
      report.processed(done->path, outcome);
      const RecordWriter::Verdict verdict = writer.write(done->record);
      if (verdict.written)
        report.written(done->record.site);
      else if (verdict.dropped)
        report.dropped(*verdict.dropped);
    }
    report.progress(done->input + 1, discovery.files.size());
    if (sink.reader_gone() || sink.error() || (options.strict && report.stats().failed() > 0))
      return false;
  }
  return true;
}

// The end of a run: the output put in place (or not), --stats and the summary line, the exit
// status.
RunSummary finish_run(bool complete, OutputSink& sink, Report& report, const Options& options,
                      std::ostream& err) {
  const Stats& stats = report.stats();
  RunSummary summary{stats.inputs,   stats.records,   stats.dropped(),
                     stats.failed(), stats.skipped(), kExitOk};
  if (options.strict && summary.failed > 0) {
    // A stopped run is a failed run: its output file is not put in place.
    err << kTool << ": stopped at the first failed input (--strict); no output written\n";
    summary.exit_code = kExitSomeFailed;
    return summary;
  }
  if (complete)
    sink.commit();
  if (sink.reader_gone())
    return summary;  // the reader has all it wanted: a quiet end
  if (sink.error()) {
    err << kTool << ": " << sink.error()->message() << '\n';
    summary.exit_code = kExitOutput;
    return summary;
  }
  if (!report.finish(sink)) {
    summary.exit_code = kExitOutput;
    return summary;
  }
  summary.exit_code = summary.failed > 0 ? kExitSomeFailed : kExitOk;
  return summary;
}

}  // namespace

RunSummary run(const Options& options, std::ostream& err) {
  RunSummary summary;
  Report report(options, err);
  auto usage = [&](const Error& error) {
    err << kTool << ": " << error.message() << '\n';
    summary.exit_code = kExitUsage;
    return summary;
  };
  if (std::optional<Error> bad = check_options(options))
    return usage(*bad);
  Result<std::vector<std::string>> inputs = gather_inputs(options);
  if (!inputs)
    return usage(inputs.error());
  Result<std::unique_ptr<Context>> context = Context::create(options);
  if (!context)
    return usage(context.error());
  if (!report.open_error_log() || !report.open_dedup_log()) {
    summary.exit_code = kExitOutput;
    return summary;
  }
  Discovery discovery = discover(*inputs, options.walk, options.output);
  select_inputs(discovery, options.selection);
  Result<std::unique_ptr<OutputSink>> sink = OutputSink::open(options.output);
  if (!sink) {
    err << kTool << ": " << sink.error().message() << '\n';
    summary.exit_code = kExitOutput;
    return summary;
  }
  report_discovery(discovery, report);
  RecordWriter writer(**sink, make_filters(options, report.dedup_log()));
  bool complete = !(options.strict && report.stats().failed() > 0);
  if (complete) {
    const std::size_t workers = worker_count(options);
    Queue queue(std::max<std::size_t>(options.window, workers * 2),
                kReadAheadBytesPerWorker * workers);
    std::vector<std::jthread> threads;
    threads.emplace_back([&] { feed(discovery.files, options, queue); });
    for (std::size_t w = 0; w < workers; ++w) {
      threads.emplace_back([&] {
        while (std::optional<std::pair<std::size_t, Job>> job = queue.claim())
          queue.put(job->first, process(std::move(job->second), **context));
      });
    }
    complete = write_outcomes(queue, discovery, writer, **sink, report, options);
    queue.stop();
  }  // the threads join here
  return finish_run(complete, **sink, report, options, err);
}

}  // namespace corpus_clean

// The driver: discovery, the per-document pipeline and the ordered writer.
#include "corpus_clean/driver.hpp"

#include <fstream>
#include <iostream>
#include <memory>

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

}  // namespace

RunSummary run(const Options& options, std::ostream& err) {
  RunSummary summary;
  std::vector<std::string> inputs = options.inputs;
  if (options.files_from) {
    if (*options.files_from == "-") {
      for (std::string& p : read_path_list(std::cin))
        inputs.push_back(std::move(p));
    } else {
      std::ifstream list(*options.files_from);
      if (!list) {
        err << kTool << ": " << *options.files_from << ": cannot open the list of inputs\n";
        summary.exit_code = kExitUsage;
        return summary;
      }
      for (std::string& p : read_path_list(list))
        inputs.push_back(std::move(p));
    }
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

  Discovery discovery = discover(inputs);
  for (const Error& warning : discovery.warnings) {
    if (!options.quiet)
      err << kTool << ": " << warning.message() << '\n';
  }
  Result<std::unique_ptr<OutputSink>> sink = OutputSink::open(options.output);
  if (!sink) {
    report(err, sink.error());
    summary.exit_code = kExitOutput;
    return summary;
  }

  auto fail = [&](const Error& error) {
    ++summary.failed;
    report(err, error);
    error_log.add(error);
  };
  summary.inputs = discovery.files.size() + discovery.errors.size();
  for (const Error& error : discovery.errors)
    fail(error);

  std::string buffer;
  for (const InputFile& input : discovery.files) {
    Outcome outcome = process_file(input, **context);
    if (!options.quiet) {
      for (const std::string& warning : outcome.warnings) {
        err << kTool << ": " << input.path << ": warning: " << warning << '\n';
      }
    }
    for (const ExplainEntry& e : outcome.explain) {
      err << kTool << ": " << input.path << ": explain: " << to_string(e.action) << " ["
          << e.rule_set << (e.origin.empty() ? "" : " " + e.origin) << "] " << e.why << ": "
          << e.text << '\n';
    }
    switch (outcome.kind) {
      case Outcome::Kind::record:
        buffer.clear();
        append_json_line(buffer, outcome.record);
        if (!(*sink)->write(buffer))
          break;
        ++summary.records;
        break;
      case Outcome::Kind::dropped:
        ++summary.dropped;
        break;
      case Outcome::Kind::failed:
        fail(*outcome.error);
        break;
    }
    if ((*sink)->reader_gone() || (*sink)->error())
      break;
    if (options.strict && summary.failed > 0)
      break;
  }
  if (summary.failed > 0 && options.strict) {
    // A stopped run is a failed run: its output file is not put in place.
    err << kTool << ": stopped at the first failed input (--strict); no output written\n";
    summary.exit_code = kExitSomeFailed;
    return summary;
  }

  if (!(*sink)->reader_gone() && !(*sink)->error())
    (*sink)->commit();
  if ((*sink)->reader_gone())
    return summary;  // the reader has all it wanted: a quiet end
  if ((*sink)->error()) {
    report(err, *(*sink)->error());
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

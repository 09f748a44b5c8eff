// Diagnostics, statistics and progress of a run (report.hpp).
#include "output/report.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "corpus_clean/record.hpp"
#include "output/sink.hpp"

namespace corpus_clean {
namespace {

std::uint64_t sum(const std::map<std::string, std::uint64_t>& counts) {
  std::uint64_t n = 0;
  for (const auto& [key, count] : counts)
    n += count;
  return n;
}

// {path, stage, code, message}, and inside a container {record, offset} (WARC) or {record,
// line} (JSON Lines), record null when not known; the path as lossless as a record's
// (append_json_path).
std::string error_json_line(const Error& error) {
  auto quoted = [](std::string_view s) {
    return Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  std::string line = "{\"path\":";
  append_json_path(line, error.path);
  line += ",\"stage\":" + quoted(to_string(error.stage));
  line += ",\"code\":" + quoted(to_string(error.code));
  line += ",\"message\":" + quoted(error.detail);
  if (const std::optional<RecordPlace>& place = error.place) {
    line += ",\"record\":" + (place->record.empty() ? "null" : quoted(place->record));
    if (place->offset)
      line += ",\"offset\":" + std::to_string(*place->offset);
    if (place->line)
      line += ",\"line\":" + std::to_string(*place->line);
  }
  return line + "}\n";
}

}  // namespace

std::uint64_t Stats::dropped() const {
  return sum(drops);
}
std::uint64_t Stats::skipped() const {
  return sum(skips);
}
std::uint64_t Stats::failed() const {
  return sum(errors);
}

std::string Stats::to_json(double seconds, const OutputSink& sink) const {
  Json out = Json::object();
  out["inputs"] = inputs;
  out["records"] = records;
  out["dropped"] = dropped();
  out["skipped"] = skipped();
  out["failed"] = failed();
  out["drops"] = drops;
  out["skips"] = skips;
  out["errors"] = errors;
  out["bytes_in"] = bytes_in;
  out["bytes_out"] = sink.bytes_written();
  out["bytes_out_compressed"] = sink.bytes_on_disk();
  out["sites"] = sites;
  out["rules"] = rules;
  out["rules_removed_over_half"] = rules_removed_over_half;
  Json normalize = Json::object();
  for (int id = 1; id <= kNormalizeRuleCount; ++id)
    normalize["N" + std::to_string(id)] = normalization.changes[static_cast<std::size_t>(id)];
  out["normalization"] = normalize;
  out["seconds"] = seconds;
  out["docs_per_second"] = seconds > 0 ? static_cast<double>(inputs) / seconds : 0.0;
  out["mb_per_second"] = seconds > 0 ? static_cast<double>(bytes_in) / 1e6 / seconds : 0.0;
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Report::Report(const Options& options, std::ostream& err)
    : options_(options),
      err_(err),
      progress_enabled_(options.progress || (!options.quiet && isatty(STDERR_FILENO))),
      started_(Clock::now()),
      last_drawn_(started_) {}

namespace {

// A log named by an option: "-" is standard output, else a file made empty; false (with a
// message naming the file) when it cannot be opened.
bool open_log(const std::optional<std::string>& path, std::string_view what,
              std::unique_ptr<std::ofstream>& file, std::ostream*& log, std::ostream& err) {
  if (!path)
    return true;
  if (*path == "-") {
    log = &std::cout;
    return true;
  }
  file = std::make_unique<std::ofstream>(*path, std::ios::binary | std::ios::trunc);
  log = file.get();
  if (*file)
    return true;
  err << kTool << ": " << *path << ": cannot open " << what << '\n';
  return false;
}

}  // namespace

bool Report::open_error_log() {
  return open_log(options_.errors_path, "the error log", error_file_, error_log_, err_);
}

bool Report::open_dedup_log() {
  return open_log(options_.dedup_log_path, "the duplicate log (--dedup-log)", dedup_file_,
                  dedup_log_, err_);
}

void Report::error(const Error& error) {
  ++stats_.errors[std::string(to_string(error.stage)) + "/" + std::string(to_string(error.code))];
  err_ << kTool << ": " << error.message() << '\n';
  if (error_log_)
    *error_log_ << error_json_line(error) << std::flush;
}

void Report::note(const std::string& message) {
  if (!options_.quiet)
    err_ << kTool << ": " << message << '\n';
}

void Report::warning(const std::string& path, const std::string& warning) {
  if (!options_.quiet)
    err_ << kTool << ": " << path << ": warning: " << warning << '\n';
}

void Report::skipped(std::string_view reason) {
  ++stats_.skips[std::string(reason)];
}

void Report::dropped(std::string_view reason) {
  ++stats_.drops[std::string(reason)];
}

void Report::written(const std::string& site) {
  ++stats_.records;
  ++stats_.sites[site];
}

void Report::processed(const std::string& path, const Outcome& outcome) {
  stats_.bytes_in += outcome.bytes_in;
  stats_.normalization += outcome.normalization;
  if (outcome.rules_removed_most)
    ++stats_.rules_removed_over_half;
  for (const ExplainEntry& e : outcome.explain) {
    const bool rule = e.action != RuleAction::select && e.action != RuleAction::prune;
    if (rule && !e.after_cut && !e.declined)
      ++stats_.rules[e.rule_set + " " + e.origin];
  }
  for (const std::string& w : outcome.warnings)
    warning(path, w);
  if (!options_.explain)
    return;
  for (const ExplainEntry& e : outcome.explain) {
    err_ << kTool << ": " << path << ": explain: " << to_string(e.action) << " [" << e.rule_set
         << (e.origin.empty() ? "" : " " + e.origin) << "] " << e.why << ": " << e.text << '\n';
  }
}

void Report::progress(std::size_t inputs_done, std::size_t inputs_total) {
  if (!progress_enabled_)
    return;
  const auto now = Clock::now();
  if (now - started_ < std::chrono::milliseconds(500) ||
      now - last_drawn_ < std::chrono::milliseconds(200)) {
    return;
  }
  last_drawn_ = now;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  const double rate = static_cast<double>(inputs_done) / seconds;
  const auto eta =
      rate > 0 && inputs_total > inputs_done
          ? static_cast<long long>(static_cast<double>(inputs_total - inputs_done) / rate)
          : 0;
  char line[160];
  std::snprintf(line, sizeof line, "\r%zu/%zu files  %.1f MB/s  ETA %lld:%02lld  %llu errors ",
                inputs_done, inputs_total, static_cast<double>(stats_.bytes_in) / 1e6 / seconds,
                eta / 60, eta % 60, static_cast<unsigned long long>(stats_.failed()));
  err_ << line << std::flush;
  drawn_ = true;
}

bool Report::finish(const OutputSink& sink) {
  if (drawn_)
    err_ << "\r\033[K" << std::flush;  // clear the progress line
  drawn_ = false;
  if (dedup_file_ && !dedup_file_->flush()) {
    err_ << kTool << ": " << *options_.dedup_log_path << ": cannot write the duplicate log\n";
    return false;
  }
  if (options_.stats_path) {
    const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    const std::string json = stats_.to_json(seconds, sink);
    if (*options_.stats_path == "-") {
      // Standard output, unless the records go there: then standard error, so that the
      // record stream stays JSON Lines.
      (options_.output == "-" ? err_ : std::cout) << json << std::flush;
    } else {
      std::ofstream out(*options_.stats_path, std::ios::binary | std::ios::trunc);
      out << json;
      if (!out) {
        err_ << kTool << ": " << *options_.stats_path << ": cannot write the statistics\n";
        return false;
      }
    }
  }
  if (!options_.quiet) {
    err_ << kTool << ": " << stats_.records << " records, " << stats_.dropped() << " dropped, ";
    if (stats_.skipped() > 0)
      err_ << stats_.skipped() << " skipped, ";
    err_ << stats_.failed() << " failed (" << stats_.inputs << " inputs)\n";
  }
  return true;
}

}  // namespace corpus_clean

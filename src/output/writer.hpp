// The record writer: each record a worker has serialized passes a chain of filters, in input
// order, and is written or dropped with the reason of the filter that rejected it. The filters
// live here, in the one writer, so that "the first of its kind" means the first in input order
// whatever the number of workers (--dedup keeps the first copy).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "corpus_clean/near_duplicate.hpp"
#include "corpus_clean/options.hpp"
#include "output/sink.hpp"

namespace corpus_clean {

// A record as the writer gets it: its JSON line and what the filters look at.
struct SerializedRecord {
  std::string line;  // the JSON line, with its '\n'
  std::string id;
  std::string site;
  std::string hash;
  std::int64_t chars = 0;
  std::vector<std::uint32_t> minhash = {};  // the text's fingerprint when --dedup near wants it
  std::string lang = {};                    // "" when the record's lang is null
};

class RecordFilter {
 public:
  virtual ~RecordFilter() = default;
  // The reason to drop `record` (a short stable name, counted in --stats), or nullopt.
  virtual std::optional<std::string_view> reject(const SerializedRecord& record) = 0;
  // `record` passed every filter and is written: remember it if it matters to later ones.
  virtual void keep(const SerializedRecord& /*record*/) {}
};

// --site NAME: only the documents of these rule sets.
class SiteFilter final : public RecordFilter {
 public:
  explicit SiteFilter(std::vector<std::string> sites) : sites_(std::move(sites)) {}
  std::optional<std::string_view> reject(const SerializedRecord& record) override;

 private:
  std::vector<std::string> sites_;
};

// --min-chars N: records with less text.
class MinCharsFilter final : public RecordFilter {
 public:
  explicit MinCharsFilter(std::size_t min_chars) : min_chars_(min_chars) {}
  std::optional<std::string_view> reject(const SerializedRecord& record) override;

 private:
  std::size_t min_chars_;
};

// --dedup exact: a record whose text hash a written record had. With a log (--dedup-log), each
// drop is a line naming the written record.
class ExactDuplicateFilter final : public RecordFilter {
 public:
  explicit ExactDuplicateFilter(std::ostream* log = nullptr) : log_(log) {}
  std::optional<std::string_view> reject(const SerializedRecord& record) override;
  void keep(const SerializedRecord& record) override;

 private:
  std::ostream* log_;
  std::unordered_map<std::string, std::string> seen_;  // hash → the id (with a log only)
};

// --lang zh,ja: only the records of these languages (the record's lang); a record whose lang
// is null is of none.
class LanguageFilter final : public RecordFilter {
 public:
  explicit LanguageFilter(std::vector<std::string> languages) : languages_(std::move(languages)) {}
  std::optional<std::string_view> reject(const SerializedRecord& record) override;

 private:
  std::vector<std::string> languages_;
};

// --dedup near: a record whose fingerprint is at least the threshold similar to a written
// record's (near_duplicate.hpp). With a log, each drop is a line naming that record.
class NearDuplicateFilter final : public RecordFilter {
 public:
  NearDuplicateFilter(const LshOptions& options, std::ostream* log) : index_(options), log_(log) {}
  std::optional<std::string_view> reject(const SerializedRecord& record) override;
  void keep(const SerializedRecord& record) override;

 private:
  NearDuplicateIndex index_;
  std::ostream* log_;
  std::vector<std::string> kept_ids_;  // by the index's numbers (with a log only)
};

// The filters the options ask for, in the order they apply; the duplicate filters write their
// drops to `dedup_log` when it is given.
std::vector<std::unique_ptr<RecordFilter>> make_filters(const Options& options,
                                                        std::ostream* dedup_log = nullptr);

class RecordWriter {
 public:
  RecordWriter(OutputSink& sink, std::vector<std::unique_ptr<RecordFilter>> filters)
      : sink_(sink), filters_(std::move(filters)) {}

  struct Verdict {
    bool written = false;
    std::optional<std::string_view> dropped;  // the reason, when a filter rejected it
  };
  // Filters and writes `record`. Neither written nor dropped: the write failed (see the sink).
  Verdict write(const SerializedRecord& record);

 private:
  OutputSink& sink_;
  std::vector<std::unique_ptr<RecordFilter>> filters_;
};

}  // namespace corpus_clean

// The record writer and its filters (writer.hpp).
#include "output/writer.hpp"

#include <algorithm>
#include <ostream>

#include "dedup/dedup_log.hpp"

namespace corpus_clean {

std::optional<std::string_view> SiteFilter::reject(const SerializedRecord& record) {
  if (std::find(sites_.begin(), sites_.end(), record.site) != sites_.end())
    return std::nullopt;
  return "site";
}

std::optional<std::string_view> LanguageFilter::reject(const SerializedRecord& record) {
  if (std::find(languages_.begin(), languages_.end(), record.lang) != languages_.end())
    return std::nullopt;
  return "lang";
}

std::optional<std::string_view> MinCharsFilter::reject(const SerializedRecord& record) {
  if (record.chars >= static_cast<std::int64_t>(min_chars_))
    return std::nullopt;
  return "min_chars";
}

std::optional<std::string_view> ExactDuplicateFilter::reject(const SerializedRecord& record) {
  const auto seen = seen_.find(record.hash);
  if (seen == seen_.end())
    return std::nullopt;
  if (log_)
    *log_ << duplicate_log_line(record.id, seen->second, 1.0);
  return "duplicate";
}

void ExactDuplicateFilter::keep(const SerializedRecord& record) {
  seen_.try_emplace(record.hash, log_ ? record.id : std::string());
}

std::optional<std::string_view> NearDuplicateFilter::reject(const SerializedRecord& record) {
  const std::optional<NearDuplicateIndex::Match> match = index_.find(record.minhash);
  if (!match)
    return std::nullopt;
  if (log_)
    *log_ << duplicate_log_line(record.id, kept_ids_[match->kept], match->similarity);
  return "near_duplicate";
}

void NearDuplicateFilter::keep(const SerializedRecord& record) {
  index_.add(record.minhash);
  if (log_)
    kept_ids_.push_back(record.id);
}

std::vector<std::unique_ptr<RecordFilter>> make_filters(const Options& options,
                                                        std::ostream* dedup_log) {
  std::vector<std::unique_ptr<RecordFilter>> filters;
  if (!options.sites.empty())
    filters.push_back(std::make_unique<SiteFilter>(options.sites));
  if (!options.languages.empty())
    filters.push_back(std::make_unique<LanguageFilter>(options.languages));
  if (options.min_chars > 0)
    filters.push_back(std::make_unique<MinCharsFilter>(options.min_chars));
  if (options.dedup_exact)
    filters.push_back(std::make_unique<ExactDuplicateFilter>(dedup_log));
  if (options.dedup_near)
    filters.push_back(std::make_unique<NearDuplicateFilter>(options.near.lsh, dedup_log));
  return filters;
}

RecordWriter::Verdict RecordWriter::write(const SerializedRecord& record) {
  for (const auto& filter : filters_) {
    if (std::optional<std::string_view> reason = filter->reject(record))
      return Verdict{false, reason};
  }
  if (!sink_.write(record.line))
    return Verdict{};
  for (const auto& filter : filters_)
    filter->keep(record);
  return Verdict{true, std::nullopt};
}

}  // namespace corpus_clean

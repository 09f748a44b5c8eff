// The LSH index of kept fingerprints and the in-order near-duplicate decision
// (near_duplicate.hpp).
#include <limits>

#include "corpus_clean/near_duplicate.hpp"

namespace corpus_clean {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

}  // namespace

std::optional<NearDuplicateIndex::Match> NearDuplicateIndex::find(
    std::span<const std::uint32_t> values) const {
  if (values.empty() || values.size() != width_)
    return std::nullopt;
  const std::vector<std::uint64_t> keys = band_keys(values, options_.bands);
  std::optional<Match> best;
  std::uint32_t best_position = kNone;
  for (const std::uint64_t key : keys) {
    const auto head = heads_.find(key);
    if (head == heads_.end())
      continue;
    for (std::uint32_t slot = head->second; slot != kNone; slot = next_[slot]) {
      const std::uint32_t position = slot / static_cast<std::uint32_t>(options_.bands);
      if (position == best_position)
        continue;  // met again in another band
      const double similarity = estimate_similarity(
          values, std::span<const std::uint32_t>(values_).subspan(position * width_, width_));
      if (similarity < options_.threshold)
        continue;
      // The most similar; of equals, the one kept first.
      if (!best || similarity > best->similarity ||
          (similarity == best->similarity && number_[position] < best->kept)) {
        best = Match{number_[position], similarity};
        best_position = position;
      }
    }
  }
  return best;
}

std::size_t NearDuplicateIndex::add(std::span<const std::uint32_t> values) {
  const std::size_t number = count_++;
  if (values.empty())
    return number;
  if (width_ == 0)
    width_ = values.size();
  if (values.size() != width_)
    return number;  // another kind of fingerprint: it could never be compared
  const auto position = static_cast<std::uint32_t>(number_.size());
  number_.push_back(static_cast<std::uint32_t>(number));
  values_.insert(values_.end(), values.begin(), values.end());
  const std::vector<std::uint64_t> keys = band_keys(values, options_.bands);
  for (std::size_t band = 0; band < keys.size(); ++band) {
    const auto slot = static_cast<std::uint32_t>(position * options_.bands + band);
    auto [head, fresh] = heads_.try_emplace(keys[band], slot);
    next_.push_back(fresh ? kNone : head->second);
    head->second = slot;
  }
  return number;
}

std::vector<NearDuplicate> find_near_duplicates(std::span<const Fingerprint> fingerprints,
                                                const LshOptions& options) {
  std::vector<NearDuplicate> duplicates;
  NearDuplicateIndex index(options);
  std::vector<std::size_t> kept;  // add() number → input position
  for (std::size_t i = 0; i < fingerprints.size(); ++i) {
    const std::vector<std::uint32_t>& values = fingerprints[i].values;
    if (std::optional<NearDuplicateIndex::Match> match = index.find(values)) {
      duplicates.push_back({i, kept[match->kept], match->similarity});
      continue;
    }
    index.add(values);
    kept.push_back(i);
  }
  return duplicates;
}

}  // namespace corpus_clean

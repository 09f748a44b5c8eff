// Near-duplicate detection: a MinHash fingerprint of a text, its encoding as the record's
// `minhash` key, and the locality-sensitive index that finds, for a record, the earlier kept
// record it nearly repeats. Used by the writer's --dedup near filter and by `corpus-clean
// dedup`; usable alone (docs/near-duplicates.md describes the method and its parameters).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "corpus_clean/error.hpp"

namespace corpus_clean {

// How a text becomes a fingerprint. The text is cut into tokens: each Han, kana or Hangul
// character is a token (Chinese words are not delimited), and so is each run of other letters
// and digits (a word of a spaced script), case-folded; punctuation, symbols and spaces only
// separate tokens. The shingles are the runs of `ngram` consecutive tokens (a shorter text is
// one shingle), each hashed from its tokens' 64-bit ids (a word's XXH3-64, a character's code
// point mixed); the fingerprint is the minimum of each of `permutations` universal hash
// functions over the shingles.
struct MinHashOptions {
  std::size_t ngram = 5;
  std::size_t permutations = 256;
};

inline constexpr std::size_t kMaxNgram = 64;
inline constexpr std::size_t kMaxPermutations = 1024;

// How fingerprints are compared. The `permutations` values are cut into `bands` bands of
// permutations / bands rows; two records that agree on every row of some band are compared,
// and a record is a near duplicate of a kept one when the share of equal values (the estimated
// Jaccard similarity of their shingle sets) is at least `threshold`.
struct LshOptions {
  std::size_t bands = 32;
  double threshold = 0.75;
};

// Everything --dedup near is configured with.
struct NearDuplicateOptions {
  MinHashOptions minhash;
  LshOptions lsh;
};

// A problem with the numbers (a zero, too large, bands that do not divide the permutations),
// or nullopt when they are usable.
std::optional<Error> check_near_options(const NearDuplicateOptions& options);

// The fingerprint of one text: `permutations` values, or none when the text has no token
// (such a record is never anyone's near duplicate).
struct Fingerprint {
  MinHashOptions options;
  std::vector<std::uint32_t> values;
};

Fingerprint fingerprint(std::string_view text, const MinHashOptions& options);

// The share of equal values: an estimate of the Jaccard similarity of the two shingle sets.
// Both must have the same size; two empty fingerprints give 0.
double estimate_similarity(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b);

// The `minhash` key's value: "mh1:NGRAM:PERMUTATIONS:BASE64", the values as little-endian 32-bit
// words in standard base64 ("mh1:5:256:" with nothing after it for a text with no token).
// "mh1" names this tokenization and these hash functions, so fingerprints made elsewhere with
// another scheme are refused rather than compared.
std::string encode_fingerprint(const Fingerprint& fingerprint);
// The inverse; an error saying what is wrong with `text`.
Result<Fingerprint> decode_fingerprint(std::string_view text);

// One 64-bit key per band of `values` (empty when `values` is): the LSH buckets.
std::vector<std::uint64_t> band_keys(std::span<const std::uint32_t> values, std::size_t bands);

// The kept records' fingerprints, indexed by band. Records are added in the order they are
// kept and numbered from 0; find() compares a record with every kept one that shares a band
// with it and gives the most similar at or above the threshold (the earliest of equals).
class NearDuplicateIndex {
 public:
  explicit NearDuplicateIndex(LshOptions options) : options_(options) {}

  struct Match {
    std::size_t kept = 0;  // the number add() gave the kept record
    double similarity = 0;
  };
  // `values` must have the size of those added before (a fingerprint of the same options).
  std::optional<Match> find(std::span<const std::uint32_t> values) const;
  // Remembers a kept record; fingerprints with no values are not indexed (never matched).
  std::size_t add(std::span<const std::uint32_t> values);
  std::size_t size() const { return count_; }

 private:
  LshOptions options_;
  std::size_t width_ = 0;              // values per fingerprint, from the first one added
  std::size_t count_ = 0;              // records added
  std::vector<std::uint32_t> values_;  // the indexed fingerprints, one after the other
  std::vector<std::uint32_t> number_;  // the add() number of each indexed fingerprint
  // A band key's most recent fingerprint (its position in values_ / width_), and for each
  // (fingerprint, band) slot the previous fingerprint with the same key: chains, not vectors.
  std::unordered_map<std::uint64_t, std::uint32_t> heads_;
  std::vector<std::uint32_t> next_;
};

// A record that nearly repeats an earlier kept one.
struct NearDuplicate {
  std::size_t index = 0;         // its position in the input
  std::size_t duplicate_of = 0;  // the kept record's position
  double similarity = 0;
};

// The in-memory form of the decision --dedup near makes: fingerprints in input order, each
// kept unless it is a near duplicate of an earlier kept one. The duplicates, in input order.
std::vector<NearDuplicate> find_near_duplicates(std::span<const Fingerprint> fingerprints,
                                                const LshOptions& options);

}  // namespace corpus_clean

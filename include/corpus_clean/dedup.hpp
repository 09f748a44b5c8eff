// `corpus-clean dedup`: near duplicates across record files that carry the `minhash` key (runs
// with --fingerprint, such as the shards of a corpus), decided as one run with --dedup near
// over the same records would decide them, in memory bounded by the number of records rather
// than by their text (docs/near-duplicates.md).
#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "corpus_clean/driver.hpp"
#include "corpus_clean/near_duplicate.hpp"

namespace corpus_clean {

// In what order records are taken, so that the first of a cluster is kept.
enum class DedupOrder {
  id,     // by id (byte order), as a run over one directory writes them: shards in any order
  input,  // as the files are named and their lines come
};

struct DedupOptions {
  std::vector<std::string> inputs;            // record files: plain, .gz or .zst
  std::optional<std::string> output;          // the kept records, lines as they were
  std::optional<std::string> drop_list;       // the dropped records' ids, one per line
  std::optional<std::string> dedup_log_path;  // one JSON line per record dropped
  LshOptions lsh;
  DedupOrder order = DedupOrder::id;
  // By band, for GNU parallel: with `edges_out`, only bands FIRST..LAST (1-based) are read and
  // the pairs they join are written to that file; with `edges_in`, those files replace the
  // band pass (every band exactly once between them).
  std::size_t first_band = 0;  // 0: all bands
  std::size_t last_band = 0;
  std::optional<std::string> edges_out;
  std::vector<std::string> edges_in;
  bool quiet = false;
};

// inputs = the lines read; records = kept; dropped = near duplicates; failed = lines that could
// not be judged (not a record, no or a foreign fingerprint), which are kept as they are.
RunSummary run_dedup(const DedupOptions& options, std::ostream& err);

}  // namespace corpus_clean

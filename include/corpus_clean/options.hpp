// Everything a run is configured with. The CLI fills it; nothing else reads the command line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "corpus_clean/date.hpp"
#include "corpus_clean/discover.hpp"
#include "corpus_clean/normalize.hpp"
#include "corpus_clean/read.hpp"
#include "corpus_clean/yaml_meta.hpp"

namespace corpus_clean {

struct Options {
  std::vector<std::string> inputs;         // files and directories
  std::optional<std::string> files_from;   // a file of paths, or "-" for stdin
  std::string output = "-";                // "-" is stdout
  std::optional<std::string> errors_path;  // one JSON line per failed input
  bool quiet = false;                      // only errors on stderr
  bool strict = false;                     // stop at the first failed input
  std::uint64_t max_bytes = kDefaultMaxBytes;
  std::size_t max_html_depth = 256;
  YamlLimits yaml_limits;
  DateOptions dates;
  NormalizeOptions normalize;
  bool normalize_text = true;             // false: --no-normalize all
  Selection selection;                    // --include, --exclude, --shard
  std::optional<std::string> stats_path;  // --stats: a JSON summary at the end ("-": stderr)
  bool progress = false;                  // --progress: also when stderr is not a terminal
  // Filters; what they remove is counted as a drop with its reason.
  std::size_t min_chars = 0;
  bool dedup_exact = false;
  std::vector<std::string> sites;        // keep only these rule sets' documents
  std::size_t jobs = 0;                  // worker threads; 0: one per core
  std::size_t window = 256;              // documents in flight at most (memory bound)
  std::vector<std::string> rules_files;  // user rules files, on top of the built-in ones
  bool explain = false;                  // say which rule removed or harvested what
};

}  // namespace corpus_clean

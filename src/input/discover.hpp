// Stage 1, discover: turns the command line's inputs into a sorted list of
// documents. Directories are walked recursively; hidden entries are skipped; symlink loops and
// special files are reported, not followed.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "corpus_clean/error.hpp"
#include "corpus_clean/options.hpp"
#include "corpus_clean/types.hpp"

namespace corpus_clean {

struct Discovery {
  std::vector<InputFile> files;  // in processing order
  std::vector<Error> errors;     // inputs that do not exist or cannot be listed
  std::vector<Error> warnings;   // entries skipped on purpose (special files, loops)
};

// Each input is a file or a directory. Files named directly keep the order given; the files
// found under a directory are sorted by their id (byte order), so output is deterministic.
Discovery discover(const std::vector<std::string>& inputs);

// The shard of an input is shard_hash(id) % N + 1: xxh3-64 of its id (the path relative to
// the root it was found under), so it is the same on every machine and for every -j.
std::uint64_t shard_hash(std::string_view id);

// Removes the inputs `selection` does not keep (failed inputs outside the shard too).
void select_inputs(Discovery& discovery, const Selection& selection);

// Reads input paths one per line (for --files-from); blank lines are ignored, CR stripped.
std::vector<std::string> read_path_list(std::istream& in);

}  // namespace corpus_clean

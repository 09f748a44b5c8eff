// Stage 1, discover: turns the command line's inputs into a sorted list of
// documents. Directories are walked recursively; hidden entries are skipped; symlink loops and
// special files are reported, not followed.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "corpus_clean/error.hpp"
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

// Reads input paths one per line (for --files-from); blank lines are ignored, CR stripped.
std::vector<std::string> read_path_list(std::istream& in);

}  // namespace corpus_clean

// Stage 1, discover: turns the command line's inputs into a sorted list of documents.
// Directories are walked recursively and give documents only (WalkOptions); every entry a walk
// passes over is a counted skip with its reason. An input named directly is always taken.
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

// Why a walk passed an entry over: stable names, counted in --stats under "skips". A skipped
// directory counts once; what it holds is not looked at.
namespace skip_reason {
inline constexpr std::string_view hidden = "hidden";                  // a name starting with '.'
inline constexpr std::string_view node_modules = "node_modules";      // a package manager's tree
inline constexpr std::string_view not_a_document = "not_a_document";  // not a document name
inline constexpr std::string_view binary = "binary";  // no extension, a NUL in its first 8 KiB
inline constexpr std::string_view special_file = "special_file";    // FIFO, socket, device
inline constexpr std::string_view symlink = "symlink";              // a link, not followed
inline constexpr std::string_view outside_roots = "outside_roots";  // --follow: leads outside
inline constexpr std::string_view broken_link = "broken_link";      // its target cannot be reached
inline constexpr std::string_view symlink_loop = "symlink_loop";    // a directory seen before
}  // namespace skip_reason

// An entry a walk passed over on purpose.
struct Skip {
  std::string path;     // as found
  std::string id;       // relative to its root, as a file's id (for --include and --shard)
  std::string reason;   // one of skip_reason
  std::string warning;  // when not empty, also said on standard error ("skipped: ...")
};

struct Discovery {
  std::vector<InputFile> files;  // in processing order
  std::vector<Error> errors;     // inputs that do not exist or cannot be listed
  std::vector<Skip> skips;       // entries of walked directories passed over
};

// Each input is a file or a directory. Files named directly keep the order given; the files
// found under a directory are sorted by their id (byte order), so output is deterministic.
// Symbolic links in a walk are followed as `walk` says (see WalkOptions).
// `output` is the run's output file ("-": standard output): a walk never takes it, and naming
// it as an input is an error (input_is_output), as cat(1) has it.
Discovery discover(const std::vector<std::string>& inputs, const WalkOptions& walk = {},
                   const std::string& output = "-");

// What a walk makes of a file by its name alone.
enum class NameVerdict {
  document,        // ends in one of the extensions (maybe followed by .gz or .zst)
  not_a_document,  // has another extension
  look_inside,     // has no extension: a document when its first bytes look like text
};
NameVerdict judge_name(std::string_view name, const std::vector<std::string>& extensions);

// The shard of an input is shard_hash(id) % N + 1: xxh3-64 of its id (the path relative to
// the root it was found under), so it is the same on every machine and for every -j.
std::uint64_t shard_hash(std::string_view id);

// True when `id` is in the shard `selection` keeps (always, with no --shard).
bool in_shard(std::string_view id, const Selection& selection);

// Removes the inputs `selection` does not keep (failed and skipped inputs outside it too). With
// ShardBy::document the files are not sharded here: their documents are, as they are read.
void select_inputs(Discovery& discovery, const Selection& selection);

// Reads input paths one per line (for --files-from); blank lines are ignored, CR stripped.
std::vector<std::string> read_path_list(std::istream& in);

}  // namespace corpus_clean

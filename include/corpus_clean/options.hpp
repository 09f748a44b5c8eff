// Everything a run is configured with. The CLI fills it; nothing else reads the command line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus_clean/date.hpp"
#include "corpus_clean/error.hpp"
#include "corpus_clean/near_duplicate.hpp"
#include "corpus_clean/normalize.hpp"

namespace corpus_clean {

inline constexpr std::uint64_t kDefaultMaxBytes = 64ull << 20;

// What --shard splits: the input files (each run reads only its files), or the documents
// (each run reads every container but processes only its documents; a plain file is one
// document with the file's id, so it lands in the same shard either way).
enum class ShardBy { file, document };

// Which discovered inputs a run keeps: globs on the id, and one shard of N.
struct Selection {
  std::vector<std::string> include;  // keep only ids matching one of these (fnmatch)
  std::vector<std::string> exclude;  // drop ids matching one of these
  std::uint64_t shard_index = 1;     // 1-based: keep inputs of shard K ...
  std::uint64_t shard_count = 1;     // ... of N
  ShardBy shard_by = ShardBy::file;  // --shard-by
};

// How an input is read (--input-format): by its name (auto: .warc, .warc.gz and .warc.zst are
// WARC, .jsonl, .jsonl.gz and .jsonl.zst JSON Lines, anything else one document), or all
// inputs the same way.
enum class InputFormat { auto_detect, plain, warc, jsonl };

// Which fields of a JSON Lines row hold what. A row's document is the first of `html` that
// holds a string (a page's body: HTML, Markdown or text, as detected), else the first of
// `text` (plain text); its other fields stand for front matter (the record's meta, and title,
// date, author, ... as in front matter).
struct JsonlFields {
  std::vector<std::string> html{"html", "content", "raw_content"};  // --html-field
  std::vector<std::string> text{"text"};                            // --text-field
  std::string id = "id";    // --id-field: the record's id is the file's, '#' and this value
  std::string url = "url";  // --url-field: where the document was fetched from
};

// How a directory is walked. Only documents are taken: files whose name ends in one of
// `extensions` (compared without regard to ASCII case), each also followed by .gz or .zst, and
// files with no extension at all whose first 8 KiB hold no NUL byte. Hidden entries and
// node_modules are not entered. Files named as inputs are always read, whatever their name.
//
// Symbolic links met in a walk are not followed unless `follow_links`; then a link is followed
// only when its target, all links resolved (realpath), is one of the roots or below one: the
// directories named as inputs and the `follow_roots`, each resolved the same way. An input
// named directly (or in --files-from) is opened as given, link or not.
struct WalkOptions {
  std::vector<std::string> extensions{"md",    "markdown", "html", "htm",
                                      "xhtml", "txt",      "warc", "jsonl"};
  bool follow_links = false;              // --follow
  std::vector<std::string> follow_roots;  // --follow-root: more places links may lead
};

// Applies an --ext list ("md,html", or "+rst" to add to `current`) to `current`: lower-cased,
// leading dots dropped. An empty item or one holding '/' is an error.
Result<std::vector<std::string>> parse_extensions(std::string_view list,
                                                  std::vector<std::string> current);

// The largest values the limits below may be given (the CLI and the Python module refuse more).
inline constexpr std::size_t kMaxHtmlDepthBound = std::size_t{1} << 20;
inline constexpr std::size_t kMaxFrontMatterBytesBound = std::size_t{16} << 20;
inline constexpr std::size_t kMaxYamlDepthBound = 1000;

struct YamlLimits {
  std::size_t max_bytes = 1u << 20;  // front matter larger than this is refused
  std::size_t max_nodes = 100'000;   // after alias expansion ("billion laughs")
  std::size_t max_depth = 64;        // nesting of maps and lists
  // Read the common `key: value` / `- item` subset by hand (the same result, several times
  // faster); switched off only to compare against yaml-cpp in tests.
  bool simple_fast_path = true;
};

// What an HTML page's text is: its article (main-content selection on whole pages and on
// bodies no site rule set recognises), or everything it shows.
enum class ExtractMode { article, whole };

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
  bool normalize_text = true;  // false: --no-normalize all
  Selection selection;         // --include, --exclude, --shard
  WalkOptions walk;            // --ext
  InputFormat input_format = InputFormat::auto_detect;
  JsonlFields jsonl;
  std::optional<std::string> stats_path;  // --stats: a JSON summary at the end ("-": stderr)
  bool progress = false;                  // --progress: also when stderr is not a terminal
  // Filters; what they remove is counted as a drop with its reason.
  std::size_t min_chars = 0;
  bool dedup_exact = false;
  bool dedup_near = false;                    // drop near duplicates of kept records
  NearDuplicateOptions near;                  // --near-*: the fingerprint and its comparison
  std::optional<std::string> dedup_log_path;  // one JSON line per duplicate dropped
  bool fingerprint = false;                   // --fingerprint: the optional `minhash` key
  std::vector<std::string> sites;             // keep only these rule sets' documents
  std::vector<std::string> languages;         // keep only records of these languages (--lang)
  std::size_t jobs = 0;                       // worker threads; 0: one per core
  std::size_t window = 256;                   // documents in flight at most (memory bound)
  std::vector<std::string> rules_files;       // user rules files, on top of the built-in ones
  bool explain = false;                       // say which rule removed or harvested what
  ExtractMode extract = ExtractMode::article;
};

}  // namespace corpus_clean

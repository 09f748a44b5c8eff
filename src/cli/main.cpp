// corpus-clean's command line: CLI11 fills Options, run() does the work, main maps the
// outcome to an exit code. No logic of its own.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corpus_clean/dedup.hpp"
#include "corpus_clean/driver.hpp"
#include "corpus_clean/normalize.hpp"
#include "corpus_clean/version.hpp"

namespace {

constexpr const char* kFooter = R"(Examples:
  corpus-clean seeds/ -o out.jsonl          clean a directory (recursively) into a file
  corpus-clean a.md b.html                  files to standard output
  find data -name '*.md' | corpus-clean --files-from - | jq -r .title
  corpus-clean --normalize < text.txt       only normalize Chinese punctuation, line by line

Exit status: 0 all inputs became records or counted drops; 1 some inputs failed;
2 usage error; 3 the output could not be written; 128+N ended by signal N (SIGINT,
SIGTERM and SIGHUP remove the output's temporary file first).)";

int normalize_filter(const corpus_clean::NormalizeOptions& options) {
  auto normalizer = corpus_clean::Normalizer::create(options);
  if (!normalizer) {
    std::cerr << "corpus-clean: " << normalizer.error().message() << '\n';
    return corpus_clean::kExitUsage;
  }
  return corpus_clean::normalize_stream(std::cin, std::cout, *normalizer)
             ? corpus_clean::kExitOk
             : corpus_clean::kExitOutput;
}

// What the command line fills: the run's Options, and the arguments that need checking or
// converting before they go into them.
struct CommandLine {
  corpus_clean::Options options;
  std::string shard;
  std::string assume_tz;
  std::string dedup;
  std::string no_normalize;
  std::vector<std::string> extensions;  // --ext lists, applied in order
  std::vector<std::string> html_fields;
  std::vector<std::string> text_fields;
  bool normalize_only = false;
};

int usage_error(const std::string& message) {
  std::cerr << "corpus-clean: " << message << '\n';
  return corpus_clean::kExitUsage;
}

void add_input_options(CLI::App& app, CommandLine& cl) {
  app.add_option(
         "INPUT", cl.options.inputs,
         "Files and directories to read: a directory recursively, for its documents only "
         "(see --ext; hidden entries and node_modules are skipped); '-': one document on stdin")
      ->type_name("PATH");

  const char* input_group = "Input";
  app.add_option("--files-from", cl.options.files_from,
                 "Read input paths from FILE, one per line ('-' for standard input)")
      ->type_name("FILE")
      ->group(input_group);
  app.add_option("--ext", cl.extensions,
                 "In directories, take files with these extensions, each also with .gz or .zst "
                 "(default md,markdown,html,htm,xhtml,txt; '+rst' adds to the list); a file "
                 "with no extension is taken when its first 8 KiB hold no NUL byte")
      ->type_name("LIST")
      ->allow_extra_args(false)
      ->group(input_group);
  app.add_flag("--follow", cl.options.walk.follow_links,
               "In directories, follow symbolic links, to targets inside the input directories "
               "only (default: links are skipped; named inputs are always opened as given)")
      ->group(input_group);
  app.add_option("--follow-root", cl.options.walk.follow_roots,
                 "Also let --follow lead into DIR and below (repeatable; implies --follow; "
                 "'/' lets links lead anywhere)")
      ->type_name("DIR")
      ->allow_extra_args(false)
      ->group(input_group);
  app.add_option("--max-bytes", cl.options.max_bytes,
                 "Fail inputs larger than this many bytes (default 64 MiB)")
      ->type_name("N")
      ->group(input_group);
  app.add_option("--max-html-depth", cl.options.max_html_depth,
                 "Flatten HTML nested deeper than this many elements, keeping the text, with a "
                 "warning (default 256)")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{1}, corpus_clean::kMaxHtmlDepthBound).description(""))
      ->group(input_group);
  app.add_option("--max-front-matter-bytes", cl.options.yaml_limits.max_bytes,
                 "Fail front matter larger than this many bytes (default 1 MiB, at most 16 MiB)")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{0}, corpus_clean::kMaxFrontMatterBytesBound).description(""))
      ->group(input_group);
  app.add_option("--max-yaml-nodes", cl.options.yaml_limits.max_nodes,
                 "Fail YAML front matter of more nodes than this, counted after alias expansion "
                 "(default 100000)")
      ->type_name("N")
      ->group(input_group);
  app.add_option("--max-yaml-depth", cl.options.yaml_limits.max_depth,
                 "Fail YAML front matter nested deeper than this (default 64, at most 1000)")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{1}, corpus_clean::kMaxYamlDepthBound).description(""))
      ->group(input_group);
  app.add_option("--include", cl.options.selection.include,
                 "Only inputs whose id (path below its root) matches GLOB (repeatable)")
      ->type_name("GLOB")
      ->allow_extra_args(false)
      ->group(input_group);
  app.add_option("--exclude", cl.options.selection.exclude,
                 "Skip inputs whose id matches GLOB (repeatable)")
      ->type_name("GLOB")
      ->allow_extra_args(false)
      ->group(input_group);
  app.add_option("--shard", cl.shard,
                 "Only shard K of N (1-based): inputs whose xxh3-64(id) mod N is K-1")
      ->type_name("K/N")
      ->group(input_group);
  app.add_option("--shard-by", cl.options.selection.shard_by,
                 "What --shard splits: 'file' (each run reads only its files; the default) or "
                 "'document' (each run reads every WARC or JSON Lines file, keeps its documents)")
      ->type_name("file|document")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, corpus_clean::ShardBy>{
              {"file", corpus_clean::ShardBy::file}, {"document", corpus_clean::ShardBy::document}},
          CLI::ignore_case))
      ->group(input_group);
}

void add_container_options(CLI::App& app, CommandLine& cl) {
  const char* group = "Crawls and dumps (WARC, JSON Lines)";
  app.add_option("--input-format", cl.options.input_format,
                 "How inputs are read: 'auto' (by name: .warc, .warc.gz, .warc.zst are WARC; "
                 ".jsonl, .jsonl.gz, .jsonl.zst JSON Lines; else one document; the default), "
                 "'plain', 'warc' or 'jsonl' for every input")
      ->type_name("auto|plain|warc|jsonl")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, corpus_clean::InputFormat>{
              {"auto", corpus_clean::InputFormat::auto_detect},
              {"plain", corpus_clean::InputFormat::plain},
              {"warc", corpus_clean::InputFormat::warc},
              {"jsonl", corpus_clean::InputFormat::jsonl}},
          CLI::ignore_case))
      ->group(group);
  app.add_option("--html-field", cl.html_fields,
                 "JSON Lines: the fields that may hold a page's body, first found wins (default "
                 "html,content,raw_content; naming this or --text-field replaces both lists)")
      ->type_name("LIST")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->group(group);
  app.add_option("--text-field", cl.text_fields,
                 "JSON Lines: the fields that may hold plain text, tried after the html fields "
                 "(default text)")
      ->type_name("LIST")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->group(group);
  app.add_option("--id-field", cl.options.jsonl.id,
                 "JSON Lines: the field whose value follows '#' in the record's id (default id; "
                 "without it, the line number)")
      ->type_name("NAME")
      ->group(group);
  app.add_option("--url-field", cl.options.jsonl.url,
                 "JSON Lines: the field saying where the document was fetched from (default url)")
      ->type_name("NAME")
      ->group(group);
}

void add_output_options(CLI::App& app, CommandLine& cl) {
  app.add_option("--extract", cl.options.extract,
                 "What an HTML page's text is: 'article' (find the article on whole pages and on "
                 "bodies no site rule set recognises; the default) or 'whole' (everything the "
                 "page shows)")
      ->type_name("article|whole")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, corpus_clean::ExtractMode>{
              {"article", corpus_clean::ExtractMode::article},
              {"whole", corpus_clean::ExtractMode::whole}},
          CLI::ignore_case))
      ->group("Output");
  const char* output_group = "Output";
  app.add_option("-o,--output", cl.options.output, "Write records to FILE ('-': standard output)")
      ->type_name("FILE")
      ->default_str("-")
      ->group(output_group);
  app.add_option("--errors", cl.options.errors_path,
                 "Also write one JSON line per failed input to FILE")
      ->type_name("FILE")
      ->group(output_group);
  app.add_option("--stats", cl.options.stats_path,
                 "Write a JSON summary of the run to FILE ('-': stdout, or stderr when the "
                 "records go to stdout)")
      ->type_name("FILE")
      ->group(output_group);
  app.add_option("--assume-tz", cl.assume_tz,
                 "Give date-times that name no zone this UTC offset (e.g. +08:00)")
      ->type_name("OFFSET")
      ->group(output_group);
  app.add_flag("--fingerprint", cl.options.fingerprint,
               "Add the key minhash to each record: its text's fingerprint, which "
               "'corpus-clean dedup' reads to find near duplicates across runs")
      ->group(output_group);
}

// The fingerprint's and the comparison's parameters, for a run and for `dedup`.
void add_lsh_options(CLI::App& app, corpus_clean::LshOptions& lsh, const char* group) {
  app.add_option("--near-threshold", lsh.threshold,
                 "Near duplicates: the estimated Jaccard similarity at or above which a record "
                 "repeats a kept one (default 0.75)")
      ->type_name("T")
      ->group(group);
  app.add_option("--near-bands", lsh.bands,
                 "Near duplicates: LSH bands the fingerprint is cut into; records that agree on "
                 "a whole band are compared (default 32)")
      ->type_name("B")
      ->group(group);
}

void add_near_options(CLI::App& app, corpus_clean::NearDuplicateOptions& near, const char* group) {
  add_lsh_options(app, near.lsh, group);
  app.add_option("--near-ngram", near.minhash.ngram,
                 "Near duplicates: tokens per shingle, a token being a Han, kana or Hangul "
                 "character or a word of other letters and digits (default 5)")
      ->type_name("N")
      ->group(group);
  app.add_option("--near-permutations", near.minhash.permutations,
                 "Near duplicates: MinHash values per fingerprint (default 256)")
      ->type_name("K")
      ->group(group);
}

void add_filter_options(CLI::App& app, CommandLine& cl) {
  const char* filter_group = "Filters (each counted as a drop with its reason)";
  app.add_option("--min-chars", cl.options.min_chars, "Drop records with fewer characters of text")
      ->type_name("N")
      ->group(filter_group);
  app.add_option("--dedup", cl.dedup,
                 "Drop a record whose text hash was already written (exact), or whose text is "
                 "nearly that of a written record (near: MinHash over 5-grams, Jaccard >= "
                 "0.75); 'exact,near' does both")
      ->type_name("exact|near|exact,near")
      ->group(filter_group);
  app.add_option("--dedup-log", cl.options.dedup_log_path,
                 "Write one JSON line per duplicate dropped: {id, duplicate_of, similarity}")
      ->type_name("FILE")
      ->group(filter_group);
  add_near_options(app, cl.options.near, filter_group);
  app.add_option("--site", cl.options.sites, "Keep only documents of this rule set (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false)
      ->group(filter_group);
  app.add_option("--lang", cl.options.languages,
                 "Keep only records whose lang is one of these, e.g. zh or zh,ja (repeatable; "
                 "a record with no lang is dropped)")
      ->type_name("LIST")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->group(filter_group);
}

void add_rules_options(CLI::App& app, CommandLine& cl) {
  const char* rules_group = "Rules";
  app.add_option("--rules", cl.options.rules_files,
                 "Add a rules file on top of the built-in rules (repeatable; see docs/rules.md)")
      ->type_name("FILE")
      ->allow_extra_args(false)
      ->group(rules_group);
  app.add_flag("--explain", cl.options.explain,
               "Tell on standard error which rule removed or harvested what, per document")
      ->group(rules_group);
}

void add_normalize_options(CLI::App& app, CommandLine& cl) {
  const char* normalize_group = "Normalization";
  app.add_flag("--normalize", cl.normalize_only,
               "Only normalize: text on standard input to standard output, line by line")
      ->group(normalize_group);
  app.add_option("--no-normalize", cl.no_normalize,
                 "Switch normalization rules off: ids such as N4,N6, or 'all'")
      ->type_name("IDS")
      ->group(normalize_group);
  app.add_flag("--simplified", cl.options.normalize.simplified,
               "Convert Traditional to Simplified Chinese (slower)")
      ->group(normalize_group);
  app.add_flag("--corner-quotes", cl.options.normalize.corner_quotes,
               "Turn corner quotes 「」『』 into “”‘’")
      ->group(normalize_group);
  app.add_flag("--cjk-spacing", cl.options.normalize.cjk_spacing,
               "Put a space between CJK and Latin letters or digits")
      ->group(normalize_group);
}

void add_behaviour_options(CLI::App& app, CommandLine& cl) {
  const char* behaviour_group = "Behaviour";
  app.add_option("-j,--jobs", cl.options.jobs,
                 "Worker threads (default: one per core); output is the same for any number")
      ->type_name("N")
      ->group(behaviour_group);
  app.add_flag("--progress", cl.options.progress,
               "Show progress on standard error even when it is not a terminal")
      ->group(behaviour_group);
  app.add_flag("-q,--quiet", cl.options.quiet, "Print nothing on standard error but errors")
      ->group(behaviour_group);
  app.add_flag("--strict", cl.options.strict,
               "Stop at the first input that fails (no output file is written)")
      ->group(behaviour_group);
}

// `corpus-clean dedup`: its options, into `options`; `bands` is --bands FIRST-LAST.
CLI::App* add_dedup_command(CLI::App& app, corpus_clean::DedupOptions& options, std::string& bands,
                            std::string& order) {
  CLI::App* dedup = app.add_subcommand(
      "dedup",
      "Near duplicates across record files made with --fingerprint (such as the shards of a "
      "corpus): keep the first record of each cluster, in id order, as one run with --dedup "
      "near would");
  dedup->add_option("FILE", options.inputs, "Record files (plain, .gz or .zst), read twice")
      ->type_name("FILE")
      ->required();
  dedup->footer(R"(Examples:
  corpus-clean data/ --shard 1/4 --fingerprint -o part-1.jsonl     (and 2/4, 3/4, 4/4)
  corpus-clean dedup part-*.jsonl -o kept.jsonl --dedup-log dups.jsonl
  corpus-clean dedup part-*.jsonl --drop-list drop.txt

Exit status: 0 every record judged; 1 some lines could not be judged (kept as they are) or a
file could not be read; 2 usage error; 3 an output could not be written.)");
  const char* group = "Dedup";
  dedup
      ->add_option("-o,--output", options.output,
                   "Write the kept records, each line as it was, to FILE ('-': stdout)")
      ->type_name("FILE")
      ->group(group);
  dedup->add_option("--drop-list", options.drop_list, "Write the dropped records' ids to FILE")
      ->type_name("FILE")
      ->group(group);
  dedup
      ->add_option("--dedup-log", options.dedup_log_path,
                   "Write one JSON line per record dropped: {id, duplicate_of, similarity}")
      ->type_name("FILE")
      ->group(group);
  dedup
      ->add_option("--order", order,
                   "Which record of a cluster is first: 'id' (byte order of the ids, as a run "
                   "over one directory writes them; the default) or 'input' (as named and read)")
      ->type_name("id|input")
      ->check(CLI::IsMember({"id", "input"}).description(""))
      ->group(group);
  add_lsh_options(*dedup, options.lsh, group);
  dedup
      ->add_option("--bands", bands,
                   "Only read bands FIRST to LAST (1-based) and write the records they join to "
                   "--edges-out: one job of a run split by band")
      ->type_name("FIRST-LAST")
      ->group(group);
  dedup->add_option("--edges-out", options.edges_out, "Write the joins of --bands to FILE")
      ->type_name("FILE")
      ->group(group);
  dedup
      ->add_option("--edges", options.edges_in,
                   "Decide from these joins (every band once between them) instead of reading "
                   "the bands (repeatable)")
      ->type_name("FILE")
      ->allow_extra_args(false)
      ->group(group);
  dedup->add_flag("-q,--quiet", options.quiet, "Print nothing on standard error but errors")
      ->group(group);
  return dedup;
}

// Checks and converts what CLI11 could not in the dedup command's options.
std::optional<int> finish_dedup_options(corpus_clean::DedupOptions& options,
                                        const std::string& bands, const std::string& order) {
  options.order = order == "input" ? corpus_clean::DedupOrder::input : corpus_clean::DedupOrder::id;
  if (bands.empty())
    return std::nullopt;
  unsigned long long first = 0, last = 0;
  char extra = 0;
  const int n = std::sscanf(bands.c_str(), "%llu-%llu%c", &first, &last, &extra);
  if (n == 1)
    last = first;
  if ((n != 1 && n != 2) || first == 0)
    return usage_error("--bands: '" + bands + "' is not FIRST-LAST (e.g. 1-8) or one band");
  options.first_band = first;
  options.last_band = last;
  return std::nullopt;
}

// Checks and converts what CLI11 could not; nullopt when the options are good.
std::optional<int> finish_options(CommandLine& cl) {
  corpus_clean::Options& options = cl.options;
  if (!cl.no_normalize.empty()) {
    auto disabled = corpus_clean::disable_rules(options.normalize, cl.no_normalize);
    if (!disabled)
      return usage_error("--no-normalize: " + disabled.error().detail);
    options.normalize = *disabled;
    options.normalize_text = options.normalize.any();
  }
  if (!cl.assume_tz.empty()) {
    options.dates.assume_offset_minutes = corpus_clean::parse_utc_offset(cl.assume_tz);
    if (!options.dates.assume_offset_minutes)
      return usage_error("--assume-tz: '" + cl.assume_tz + "' is not a UTC offset such as +08:00");
  }
  for (const std::string& list : cl.extensions) {
    auto extensions = corpus_clean::parse_extensions(list, options.walk.extensions);
    if (!extensions)
      return usage_error(extensions.error().detail);
    options.walk.extensions = std::move(*extensions);
  }
  if (!options.walk.follow_roots.empty())
    options.walk.follow_links = true;
  if (!cl.html_fields.empty() || !cl.text_fields.empty()) {
    options.jsonl.html = cl.html_fields;
    options.jsonl.text = cl.text_fields;
  }
  for (std::string& language : options.languages) {
    for (char& c : language)
      c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    const bool letters =
        language.size() >= 2 && language.size() <= 8 &&
        language.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos;
    if (!letters) {
      return usage_error("--lang: '" + language +
                         "' is not a language as records name it (zh, ja, en: a primary subtag)");
    }
  }
  if (!cl.dedup.empty()) {
    std::string_view rest = cl.dedup;
    while (true) {
      const std::string_view item = rest.substr(0, rest.find(','));
      if (item == "exact")
        options.dedup_exact = true;
      else if (item == "near")
        options.dedup_near = true;
      else
        return usage_error("--dedup: '" + cl.dedup + "' is not exact, near or exact,near");
      if (item.size() == rest.size())
        break;
      rest.remove_prefix(item.size() + 1);
    }
  }
  if (!cl.shard.empty()) {
    unsigned long long k = 0, n = 0;
    char extra = 0;
    if (std::sscanf(cl.shard.c_str(), "%llu/%llu%c", &k, &n, &extra) != 2 || n == 0 || k == 0 ||
        k > n) {
      return usage_error("--shard: '" + cl.shard + "' is not K/N with 1 <= K <= N (e.g. 3/16)");
    }
    options.selection.shard_index = k;
    options.selection.shard_count = n;
  }
  if (!cl.normalize_only && options.inputs.empty() && !options.files_from)
    return usage_error("no input: name files or directories, or use --files-from (see --help)");
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  // A closed pipe is seen as EPIPE on write and ends the run quietly.
  std::signal(SIGPIPE, SIG_IGN);

  CLI::App app{
      "Turn directories of mirrored Chinese news posts into clean JSON Lines: one typed "
      "record per article, boilerplate stripped, metadata harvested, punctuation "
      "normalized.",
      "corpus-clean"};
  app.set_version_flag("-V,--version", std::string("corpus-clean ") +
                                           std::string(corpus_clean::version()) + " (" +
                                           std::string(corpus_clean::git_revision()) + ")\n" +
                                           corpus_clean::dependency_versions());
  app.footer(kFooter);
  app.get_formatter()->column_width(34);
  CommandLine cl;
  add_input_options(app, cl);
  add_container_options(app, cl);
  add_output_options(app, cl);
  add_filter_options(app, cl);
  add_rules_options(app, cl);
  add_normalize_options(app, cl);
  add_behaviour_options(app, cl);
  corpus_clean::DedupOptions dedup_options;
  std::string dedup_bands, dedup_order = "id";
  CLI::App* dedup = add_dedup_command(app, dedup_options, dedup_bands, dedup_order);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return usage_error(std::string(e.what()) + " (see --help)");
  }
  if (*dedup) {
    if (std::optional<int> status = finish_dedup_options(dedup_options, dedup_bands, dedup_order))
      return *status;
    return corpus_clean::run_dedup(dedup_options, std::cerr).exit_code;
  }
  if (std::optional<int> status = finish_options(cl))
    return *status;
  if (cl.normalize_only)
    return normalize_filter(cl.options.normalize);
  return corpus_clean::run(cl.options, std::cerr).exit_code;
}

// Throughput of the punctuation normalizer (docs/DESIGN.md §5, §7: ≥ 300 MB/s per core on clean
// text) on real news text: the shared corpus with front matter and HTML tags stripped, repeated
// to at least 10 MB, normalized one document at a time.
//
//   normalize_bench [--benchmark_...]        corpus from CORPUS_CLEAN_SHARED_CORPUS (env or
//                                            compile definition), else ../shared/corpus
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "corpus_clean/normalize.hpp"

namespace {

constexpr std::size_t kMinBytes = 10u << 20;

std::filesystem::path corpus_dir() {
  if (const char* env = std::getenv("CORPUS_CLEAN_SHARED_CORPUS"))
    return env;
#ifdef CORPUS_CLEAN_SHARED_CORPUS
  return CORPUS_CLEAN_SHARED_CORPUS;
#else
  return std::filesystem::path(__FILE__).parent_path().parent_path() / ".." / "shared" / "corpus";
#endif
}

// The body text of a post, crudely: no front matter, no tags, no blank lines.
std::string body_text(const std::string& file) {
  std::string_view rest = file;
  while (!rest.empty() && (rest.front() == '\n' || rest.front() == '\r'))
    rest.remove_prefix(1);
  if (rest.substr(0, 4) == "---\n") {
    const std::size_t end = rest.find("\n---", 3);
    if (end != std::string_view::npos)
      rest.remove_prefix(rest.find('\n', end + 1) + 1);
  }
  std::string text;
  bool in_tag = false;
  for (char c : rest) {
    if (c == '<') {
      in_tag = true;
    } else if (c == '>' && in_tag) {
      in_tag = false;
    } else if (!in_tag) {
      text.push_back(c);
    }
  }
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos)
      continue;
    (out += line) += '\n';
  }
  return out;
}

std::vector<std::string> load_documents() {
  std::vector<std::filesystem::path> paths;
  const auto dir = corpus_dir();
  if (!std::filesystem::is_directory(dir))
    return {};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".md")
      paths.push_back(entry);
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> documents;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string text = body_text(bytes.str());
    if (!text.empty())
      documents.push_back(std::move(text));
  }
  return documents;
}

std::size_t total_bytes(const std::vector<std::string>& documents) {
  std::size_t n = 0;
  for (const auto& d : documents)
    n += d.size();
  return n;
}

// Already clean text: the normalizer's own output, repeated to ≥ 10 MB.
const std::vector<std::string>& clean_documents() {
  static const std::vector<std::string> documents = [] {
    const corpus_clean::Normalizer normalizer{corpus_clean::NormalizeOptions{}};
    std::vector<std::string> one_round;
    for (const auto& d : load_documents())
      one_round.push_back(normalizer.normalize(d));
    std::vector<std::string> all;
    if (one_round.empty())
      return all;
    while (total_bytes(all) < kMinBytes)
      all.insert(all.end(), one_round.begin(), one_round.end());
    return all;
  }();
  return documents;
}

// Clean text with something to fix injected deterministically, in every sentence: U+3000
// indents, ASCII , : . ( ) " in Chinese, full-width digits, ... and --, NBSP and ZWSP.
std::string make_dirty(std::string_view clean) {
  struct Swap {
    std::string_view from;
    std::string_view to;
  };
  static constexpr Swap kSwaps[] = {
      {"，", ", "},  {"：", ":"},  {"（", "("}, {"）", ")"},     {"“", "\""}, {"”", "\""},
      {"……", "..."}, {"——", "--"}, {"；", ";"}, {"。\n", ".\n"}, {"、", "､"}, {"！", "!"},
  };
  std::string out;
  out.reserve(clean.size() * 5 / 4);
  std::size_t han = 0;
  std::size_t digits = 0;
  bool line_start = true;
  for (std::size_t i = 0; i < clean.size();) {
    if (line_start)
      out += "\u3000\u3000";
    line_start = false;
    bool swapped = false;
    for (const Swap& swap : kSwaps) {
      if (clean.compare(i, swap.from.size(), swap.from) == 0) {
        out += swap.to;
        i += swap.from.size();
        line_start = swap.to.back() == '\n';
        swapped = true;
        break;
      }
    }
    if (swapped)
      continue;
    const auto b = static_cast<unsigned char>(clean[i]);
    if (b >= '0' && b <= '9' && ++digits % 3 == 0) {
      out += "\xEF\xBC";  // U+FF10..FF19
      out.push_back(static_cast<char>(0x90 + (b - '0')));
      ++i;
      continue;
    }
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    out.append(clean, i, n);
    i += n;
    line_start = b == '\n';
    if (n == 3 && b >= 0xE4 && b <= 0xE9) {  // mostly Han
      ++han;
      if (han % 40 == 0)
        out += "\u200B";
      if (han % 50 == 0)
        out += "\u00A0";
    }
  }
  return out;
}

const std::vector<std::string>& dirty_documents() {
  static const std::vector<std::string> documents = [] {
    std::vector<std::string> all;
    for (const auto& d : clean_documents())
      all.push_back(make_dirty(d));
    return all;
  }();
  return documents;
}

void run(benchmark::State& state, const std::vector<std::string>& documents,
         const corpus_clean::NormalizeOptions& options) {
  if (documents.empty()) {
    state.SkipWithError("no shared corpus (set CORPUS_CLEAN_SHARED_CORPUS)");
    return;
  }
  const corpus_clean::Normalizer normalizer(options);
  corpus_clean::NormalizeCounts counts;
  for (auto _ : state) {
    for (const auto& document : documents) {
      benchmark::DoNotOptimize(normalizer.normalize(document, &counts));
    }
  }
  const std::size_t bytes = total_bytes(documents);
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * static_cast<benchmark::IterationCount>(bytes)));
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["changes/iter"] =
      static_cast<double>(counts.total()) / static_cast<double>(state.iterations());
}

void BM_NormalizeClean(benchmark::State& state) {
  run(state, clean_documents(), corpus_clean::NormalizeOptions{});
}
BENCHMARK(BM_NormalizeClean)->Unit(benchmark::kMillisecond);

void BM_NormalizeDirty(benchmark::State& state) {
  run(state, dirty_documents(), corpus_clean::NormalizeOptions{});
}
BENCHMARK(BM_NormalizeDirty)->Unit(benchmark::kMillisecond);

void BM_NormalizeCleanWithCjkSpacing(benchmark::State& state) {
  corpus_clean::NormalizeOptions options;
  options.cjk_spacing = true;
  run(state, clean_documents(), options);
}
BENCHMARK(BM_NormalizeCleanWithCjkSpacing)->Unit(benchmark::kMillisecond);

// --simplified goes through ICU's rule-based transliterator, which is much slower.
void BM_NormalizeCleanSimplified(benchmark::State& state) {
  corpus_clean::NormalizeOptions options;
  options.simplified = true;
  run(state, clean_documents(), options);
}
BENCHMARK(BM_NormalizeCleanSimplified)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

// Per-stage Google Benchmarks on the real posts (seeds/ and the shared corpus): where the time
// of one document goes, stage by stage, and the whole pipeline for comparison.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "corpus_clean/near_duplicate.hpp"
#include "corpus_clean/pipeline.hpp"
#include "corpus_clean/record.hpp"
#include "document/format.hpp"
#include "document/front_matter.hpp"
#include "document/yaml_meta.hpp"
#include "extract/extract.hpp"
#include "rules/rules.hpp"

namespace cc = corpus_clean;
namespace fs = std::filesystem;

namespace {

struct Post {
  std::string path;
  std::string text;
};

const std::vector<Post>& posts() {
  static const std::vector<Post> all = [] {
    std::vector<Post> out;
    for (const char* dir : {CORPUS_CLEAN_SOURCE_DIR "/seeds", CORPUS_CLEAN_SHARED_CORPUS}) {
      if (!fs::exists(dir))
        continue;
      for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const fs::path& p = entry.path();
        if (!entry.is_regular_file() || p.filename() == "README.md" || p.extension() == ".tsv") {
          continue;
        }
        std::ifstream in(p, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        out.push_back(Post{p.string(), text.str()});
      }
    }
    std::sort(out.begin(), out.end(), [](const Post& a, const Post& b) { return a.path < b.path; });
    return out;
  }();
  return all;
}

std::int64_t total_bytes() {
  std::int64_t n = 0;
  for (const Post& p : posts())
    n += static_cast<std::int64_t>(p.text.size());
  return n;
}

const cc::Context& context() {
  static const std::unique_ptr<cc::Context> ctx = std::move(cc::Context::create({})).value();
  return *ctx;
}

void BM_FrontMatterAndYaml(benchmark::State& state) {
  for (auto _ : state) {
    for (const Post& p : posts()) {
      auto split = cc::split_front_matter(p.text);
      auto meta = cc::parse_front_matter(*split);
      benchmark::DoNotOptimize(meta);
    }
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_FrontMatterAndYaml)->Unit(benchmark::kMillisecond);

void BM_Extract(benchmark::State& state) {
  std::vector<std::pair<std::string_view, cc::Format>> bodies;
  for (const Post& p : posts()) {
    auto split = cc::split_front_matter(p.text);
    bodies.emplace_back(split->body, cc::detect_format(split->body));
  }
  for (auto _ : state) {
    for (const auto& [body, format] : bodies) {
      benchmark::DoNotOptimize(cc::extract(body, format, {}));
    }
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

void BM_Rules(benchmark::State& state) {
  const cc::RuleBook& rules = context().rules();
  struct Doc {
    const cc::RuleSet* site;
    std::vector<cc::Block> blocks;
  };
  std::vector<Doc> docs;
  for (const Post& p : posts()) {
    auto split = cc::split_front_matter(p.text);
    auto meta = cc::parse_front_matter(*split);
    docs.push_back(Doc{rules.recognise(*meta, split->body, p.path, p.path),
                       cc::extract(split->body, cc::detect_format(split->body), {}).blocks});
  }
  for (auto _ : state) {
    for (const Doc& d : docs) {
      std::vector<cc::Block> blocks = d.blocks;
      cc::Harvest harvest;
      if (d.site)
        cc::apply_block_rules(*d.site, rules.vocabulary(), blocks, harvest, nullptr);
      cc::apply_block_rules(rules.generic(), rules.vocabulary(), blocks, harvest, nullptr);
      benchmark::DoNotOptimize(blocks);
    }
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_Rules)->Unit(benchmark::kMillisecond);

void BM_Normalize(benchmark::State& state) {
  std::vector<std::string> texts;
  std::int64_t bytes = 0;
  for (const Post& p : posts()) {
    auto split = cc::split_front_matter(p.text);
    for (cc::Block& b : cc::extract(split->body, cc::detect_format(split->body), {}).blocks) {
      bytes += static_cast<std::int64_t>(b.text.size());
      texts.push_back(std::move(b.text));
    }
  }
  for (auto _ : state) {
    for (const std::string& t : texts)
      benchmark::DoNotOptimize(context().normalizer().normalize(t));
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);

void BM_Serialize(benchmark::State& state) {
  std::vector<cc::Record> records;
  for (const Post& p : posts()) {
    records.push_back(
        cc::process_document(cc::Document{p.path, p.path, p.text, {}}, context()).record);
  }
  std::string out;
  for (auto _ : state) {
    out.clear();
    for (const cc::Record& r : records)
      cc::append_json_line(out, r);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_Serialize)->Unit(benchmark::kMillisecond);

// The MinHash fingerprint of each record's text at the default options, as --dedup near and
// --fingerprint compute it; set beside BM_WholeDocument, its share of a document's time.
void BM_Fingerprint(benchmark::State& state) {
  std::vector<std::string> texts;
  for (const Post& p : posts()) {
    texts.push_back(
        cc::process_document(cc::Document{p.path, p.path, p.text, {}}, context()).record.text);
  }
  for (auto _ : state) {
    for (const std::string& t : texts)
      benchmark::DoNotOptimize(cc::fingerprint(t, cc::MinHashOptions{}));
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_Fingerprint)->Unit(benchmark::kMillisecond);

void BM_WholeDocument(benchmark::State& state) {
  for (auto _ : state) {
    for (const Post& p : posts()) {
      cc::Outcome outcome =
          cc::process_document(cc::Document{p.path, p.path, p.text, {}}, context());
      std::string line;
      cc::append_json_line(line, outcome.record);
      benchmark::DoNotOptimize(line);
    }
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_WholeDocument)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

// The near-duplicate evaluation report (near_dup_eval.hpp) for directories of posts, as a
// Markdown table by edit kind.
//
//   near_dup_eval [--same-story PAIRS.tsv] [--threshold T] NAME=DIR...
//
// PAIRS.tsv lists pairs of ids (tab-separated) that are one story in the corpus itself.
#include "near_dup_eval.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace {

using corpus_clean::eval::kEditKinds;
using corpus_clean::eval::Report;

void print(const std::string& name, const Report& r) {
  std::printf(
      "\n**%s**: %zu posts of at least 200 characters; %zu pairs of different posts of "
      "one source folder, the most similar at %.3f.\n\n",
      name.c_str(), r.posts, r.negative_pairs, r.max_negative_similarity);
  std::printf("| edit | copies | found | recall | dropped as another story's | precision |\n");
  std::printf("|---|---|---|---|---|---|\n");
  std::size_t copies = 0, found = 0;
  for (std::size_t k = 0; k < r.kinds.size(); ++k) {
    const auto& s = r.kinds[k];
    copies += s.copies;
    found += s.found;
    const double precision = s.found + s.wrong == 0 ? 1.0
                                                    : static_cast<double>(s.found) /
                                                          static_cast<double>(s.found + s.wrong);
    std::printf("| %s | %zu | %zu | %.3f | %zu | %.3f |\n", kEditKinds[k], s.copies, s.found,
                s.copies ? static_cast<double>(s.found) / static_cast<double>(s.copies) : 1.0,
                s.wrong, precision);
  }
  std::printf("| **all copies** | %zu | %zu | %.3f | | |\n", copies, found,
              copies ? static_cast<double>(found) / static_cast<double>(copies) : 1.0);
  std::printf(
      "\nOriginals dropped as a duplicate of another original: %zu, of which %zu are "
      "one story (listed pairs). Precision over every drop: %.3f.\n",
      r.originals_dropped, r.known_pairs_found, r.precision());
}

}  // namespace

int main(int argc, char** argv) {
  std::set<std::pair<std::string, std::string>> same_story;
  corpus_clean::NearDuplicateOptions options;
  int i = 1;
  for (; i + 1 < argc && std::strncmp(argv[i], "--", 2) == 0; i += 2) {
    if (std::strcmp(argv[i], "--same-story") == 0) {
      std::ifstream pairs(argv[i + 1]);
      if (!pairs) {
        std::cerr << "near_dup_eval: " << argv[i + 1] << ": cannot be read\n";
        return 1;
      }
      std::string line;
      while (std::getline(pairs, line)) {
        const std::size_t tab = line.find('\t');
        if (!line.empty() && line[0] != '#' && tab != std::string::npos)
          same_story.insert({line.substr(0, tab), line.substr(tab + 1)});
      }
    } else if (std::strcmp(argv[i], "--threshold") == 0) {
      options.lsh.threshold = std::strtod(argv[i + 1], nullptr);
    } else {
      std::cerr << "near_dup_eval: unknown option " << argv[i] << "\n";
      return 2;
    }
  }
  if (const auto bad = corpus_clean::check_near_options(options)) {
    std::cerr << "near_dup_eval: " << bad->message() << "\n";
    return 2;
  }
  std::printf("Threshold %.2f, %zu values in %zu bands, %zu-token shingles.\n",
              options.lsh.threshold, options.minhash.permutations, options.lsh.bands,
              options.minhash.ngram);
  if (i >= argc) {
    std::cerr << "usage: near_dup_eval [--same-story PAIRS.tsv] [--threshold T] NAME=DIR...\n";
    return 2;
  }
  for (; i < argc; ++i) {
    const std::string arg = argv[i];
    const std::size_t eq = arg.find('=');
    const std::string name = eq == std::string::npos ? arg : arg.substr(0, eq);
    const std::string dir = eq == std::string::npos ? arg : arg.substr(eq + 1);
    if (!std::filesystem::is_directory(dir)) {
      std::cerr << "near_dup_eval: " << dir << ": not a directory\n";
      return 1;
    }
    print(name, corpus_clean::eval::evaluate(corpus_clean::eval::load_posts(dir, 200), same_story,
                                             options));
  }
  return 0;
}

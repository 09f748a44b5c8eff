// Synthetic fingerprints for the corpus-clean dedup benchmark: N record lines
// {"id":…,"minhash":…} of 256 values, one in ten a near duplicate (90% of its values those of
// a record a little earlier), the rest random. The same N and seed give the same bytes.
//
//   make_fingerprints N [SEED] > fingerprints.jsonl
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>
#include <vector>

#include "corpus_clean/near_duplicate.hpp"
#include "rng.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make_fingerprints N [SEED]\n");
    return 2;
  }
  const std::size_t n = std::strtoull(argv[1], nullptr, 10);
  corpus_clean::bench::Rng rng(argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1);
  corpus_clean::Fingerprint print{{5, 256}, std::vector<std::uint32_t>(256)};
  std::deque<std::vector<std::uint32_t>> recent;  // the last 1000, to copy from
  std::string line;
  for (std::size_t i = 0; i < n; ++i) {
    if (!recent.empty() && rng.next() % 10 == 0) {
      print.values = recent[rng.next() % recent.size()];
      for (std::uint32_t& v : print.values) {
        if (rng.next() % 10 == 0)
          v = static_cast<std::uint32_t>(rng.next());
      }
    } else {
      for (std::uint32_t& v : print.values)
        v = static_cast<std::uint32_t>(rng.next());
    }
    recent.push_back(print.values);
    if (recent.size() > 1000)
      recent.pop_front();
    char id[32];
    std::snprintf(id, sizeof id, "doc-%08zu.md", i);
    line = std::string("{\"id\":\"") + id + "\",\"minhash\":\"" +
           corpus_clean::encode_fingerprint(print) + "\"}\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  return 0;
}

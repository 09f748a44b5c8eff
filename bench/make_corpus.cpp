// Deterministic benchmark corpus: N posts built by recombining the real posts of a directory.
// Each post keeps one real post's front matter (title made unique) and grows its body with the
// bodies of other posts of the same source folder until it reaches a target size drawn from a
// log-uniform 2–40 KB mix. The same N and seed give the same bytes.
//
//   make_corpus SOURCE_DIR OUT_DIR N [SEED]
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "document/front_matter.hpp"
#include "rng.hpp"

namespace fs = std::filesystem;

namespace {

using corpus_clean::bench::Rng;

struct Post {
  std::string front_matter;  // the whole "---...---\n" block, or empty
  std::string body;
};

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Post split(const std::string& text) {
  Post post;
  auto result = corpus_clean::split_front_matter(text);
  if (!result || result->kind == corpus_clean::FrontMatterKind::none) {
    post.body = text;
    return post;
  }
  const std::size_t body_at = static_cast<std::size_t>(result->body.data() - text.data());
  post.front_matter = text.substr(0, body_at);
  post.body = std::string(result->body);
  return post;
}

// Makes the title line unique so that no two generated posts are the same document.
std::string retitle(std::string front_matter, std::size_t number) {
  const std::size_t title = front_matter.find("\ntitle:");
  if (title == std::string::npos)
    return front_matter;
  const std::size_t eol = front_matter.find('\n', title + 1);
  std::string line = front_matter.substr(title + 1, eol - title - 1);
  const char quote = line.back() == '\'' || line.back() == '"' ? line.back() : '\0';
  const std::string suffix = " #" + std::to_string(number);
  if (quote) {
    line.insert(line.size() - 1, suffix);
  } else {
    line += suffix;
  }
  return front_matter.replace(title + 1, eol - title - 1, line);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: make_corpus SOURCE_DIR OUT_DIR N [SEED]\n");
    return 2;
  }
  const fs::path source = argv[1];
  const fs::path out = argv[2];
  const std::size_t count = std::strtoull(argv[3], nullptr, 10);
  Rng rng(argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 20211208);

  // Posts grouped by the folder they came from, in sorted order.
  std::map<std::string, std::vector<Post>> groups;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(source)) {
    if (entry.is_regular_file() && entry.path().extension() == ".md" &&
        entry.path().filename() != "README.md") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    groups[file.parent_path().string()].push_back(split(read_all(file)));
  }
  std::vector<const std::vector<Post>*> folders;
  for (const auto& [name, posts] : groups)
    folders.push_back(&posts);
  if (folders.empty()) {
    std::fprintf(stderr, "make_corpus: no .md posts under %s\n", source.c_str());
    return 1;
  }

  std::uint64_t total = 0;
  for (std::size_t n = 0; n < count; ++n) {
    const std::vector<Post>& posts = *folders[rng.below(folders.size())];
    const Post& base = posts[rng.below(posts.size())];
    const auto target = static_cast<std::size_t>(2048.0 * std::pow(20.0, rng.unit()));  // 2–40 KB
    std::string text = retitle(base.front_matter, n) + base.body;
    while (text.size() < target)
      text += "\n" + posts[rng.below(posts.size())].body;
    const fs::path dir = out / (std::to_string(n / 1000));
    fs::create_directories(dir);
    char name[32];
    std::snprintf(name, sizeof name, "%07zu.md", n);
    std::ofstream(dir / name, std::ios::binary) << text;
    total += text.size();
  }
  std::printf("%zu posts, %.1f MB in %s\n", count, static_cast<double>(total) / 1e6, out.c_str());
  return 0;
}

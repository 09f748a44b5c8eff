// The floor for any gumbo-based tool: read each file, split off the front matter, gumbo_parse
// the body, walk the tree (iteratively) counting text bytes, destroy. One thread.
//
//   gumbo_baseline DIR        prints: docs, bytes, seconds, docs/s, MB/s
#include <gumbo.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "document/front_matter.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: gumbo_baseline DIR\n");
    return 2;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(argv[1])) {
    if (entry.is_regular_file())
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());

  const auto start = std::chrono::steady_clock::now();
  std::uint64_t bytes = 0, text_bytes = 0;
  std::vector<const GumboNode*> stack;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    bytes += text.size();
    auto split = corpus_clean::split_front_matter(text);
    const std::string_view body = split ? split->body : std::string_view(text);
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    GumboOutput* output = gumbo_parse_with_options(&options, body.data(), body.size());
    stack.assign(1, output->root);
    while (!stack.empty()) {
      const GumboNode* node = stack.back();
      stack.pop_back();
      if (node->type == GUMBO_NODE_TEXT) {
        text_bytes += std::char_traits<char>::length(node->v.text.text);
      } else if (node->type == GUMBO_NODE_ELEMENT) {
        const GumboVector& children = node->v.element.children;
        for (unsigned i = 0; i < children.length; ++i) {
          stack.push_back(static_cast<const GumboNode*>(children.data[i]));
        }
      }
    }
    gumbo_destroy_output(&options, output);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "docs=%zu bytes=%llu text=%llu seconds=%.3f docs_per_s=%.0f mb_per_s=%.2f\n", files.size(),
      static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(text_bytes), seconds,
      static_cast<double>(files.size()) / seconds, static_cast<double>(bytes) / 1e6 / seconds);
  return 0;
}

// The near-duplicate evaluation set: real posts, edited copies of each of the kinds the
// republishing of news makes, and the other posts of the same source folder as negatives; the
// decision of --dedup near scored against that known truth, by edit kind. Shared by
// bench/near_dup_eval (the report in docs/) and the test suite (a small set).
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "corpus_clean/near_duplicate.hpp"
#include "corpus_clean/pipeline.hpp"
#include "rng.hpp"
#include "text/chars.hpp"
#include "text/utf8.hpp"

namespace corpus_clean::eval {

using bench::Rng;

struct Post {
  std::string id;      // path below the directory
  std::string folder;  // its source folder: the negatives are the other posts of it
  std::string title;
  std::string text;
};

// The posts of `dir` (recursively, sorted) whose clean text has at least `min_chars`
// characters, through the whole pipeline.
inline std::vector<Post> load_posts(const std::filesystem::path& dir, std::int64_t min_chars) {
  std::vector<Post> posts;
  auto context = Context::create(Options{});
  if (!context)
    return posts;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".md" &&
        entry.path().filename() != "README.md")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string id = std::filesystem::relative(file, dir).string();
    Outcome outcome = process_document({id, file.string(), bytes.str(), {}}, **context);
    if (outcome.kind != Outcome::Kind::record || outcome.record.chars < min_chars)
      continue;
    posts.push_back({id, std::filesystem::relative(file.parent_path(), dir).string(),
                     outcome.record.title.value_or(""), outcome.record.text});
  }
  return posts;
}

inline const char* const kEditKinds[] = {"lead paragraph dropped", "editor line and ad appended",
                                         "1% of characters changed", "a different title line"};

// The copy of `post` an edit kind makes, or "" when the post does not allow it (a lead
// paragraph to drop needs a second one).
inline std::string edit(const Post& post, std::size_t kind, Rng& rng) {
  const std::string& text = post.text;
  switch (kind) {
    case 0: {
      const std::size_t end = text.find('\n');
      return end == std::string::npos ? "" : text.substr(end + 1);
    }
    case 1:
      return text + "\n责任编辑：王小明\n扫码下载客户端，看更多独家财经资讯";
    case 2: {
      // Every character chosen with odds 1 in 100 becomes another Han character.
      std::string out;
      std::size_t i = 0;
      while (i < text.size()) {
        const std::size_t start = i;
        const char32_t cp = text::next_code_point(text, i);
        if (text::is_han(cp) && rng.next() % 100 == 0)
          text::append_utf8(out, 0x4E00 + static_cast<char32_t>(rng.next() % 0x5000));
        else
          out.append(text, start, i - start);
      }
      return out;
    }
    default:
      return "转载：" + post.title + "（记者手记）\n" + text;
  }
}

struct KindScore {
  std::size_t copies = 0;
  std::size_t found = 0;  // dropped as a duplicate of its own story
  std::size_t wrong = 0;  // dropped as a duplicate of another story
};

struct Report {
  std::size_t posts = 0;
  std::vector<KindScore> kinds;
  std::size_t negative_pairs = 0;      // pairs of different posts of one folder
  std::size_t originals_dropped = 0;   // an original dropped as another's duplicate
  std::size_t known_pairs_found = 0;   // of `same_story` below
  double max_negative_similarity = 0;  // among the negative pairs
  double precision() const {
    std::size_t right = known_pairs_found, all = originals_dropped;
    for (const KindScore& k : kinds) {
      right += k.found;
      all += k.found + k.wrong;
    }
    return all == 0 ? 1.0 : static_cast<double>(right) / static_cast<double>(all);
  }
};

// Fingerprints of the posts, then of their copies, in that order, decided as --dedup near
// decides; `same_story` lists pairs of post ids that are one story (duplicates in the corpus
// itself), which are right to find.
inline Report evaluate(const std::vector<Post>& posts,
                       const std::set<std::pair<std::string, std::string>>& same_story,
                       const NearDuplicateOptions& options = {}) {
  Report report;
  report.posts = posts.size();
  report.kinds.resize(std::size(kEditKinds));
  std::vector<Fingerprint> prints;
  std::vector<std::size_t> story;  // the post each fingerprint tells
  std::vector<int> kind_of;        // -1 for an original
  for (std::size_t p = 0; p < posts.size(); ++p) {
    prints.push_back(fingerprint(posts[p].text, options.minhash));
    story.push_back(p);
    kind_of.push_back(-1);
  }
  Rng rng(2024);
  for (std::size_t k = 0; k < std::size(kEditKinds); ++k) {
    for (std::size_t p = 0; p < posts.size(); ++p) {
      const std::string copy = edit(posts[p], k, rng);
      if (copy.empty())
        continue;
      prints.push_back(fingerprint(copy, options.minhash));
      story.push_back(p);
      kind_of.push_back(static_cast<int>(k));
      ++report.kinds[k].copies;
    }
  }
  auto one_story = [&](std::size_t a, std::size_t b) {
    return a == b || same_story.contains({posts[a].id, posts[b].id}) ||
           same_story.contains({posts[b].id, posts[a].id});
  };
  for (const NearDuplicate& d : find_near_duplicates(prints, options.lsh)) {
    const bool right = one_story(story[d.index], story[d.duplicate_of]);
    if (kind_of[d.index] < 0) {
      ++report.originals_dropped;
      report.known_pairs_found += right;
    } else {
      KindScore& k = report.kinds[static_cast<std::size_t>(kind_of[d.index])];
      ++(right ? k.found : k.wrong);
    }
  }
  for (std::size_t a = 0; a < posts.size(); ++a) {
    for (std::size_t b = a + 1; b < posts.size(); ++b) {
      if (posts[a].folder != posts[b].folder || one_story(a, b))
        continue;
      ++report.negative_pairs;
      report.max_negative_similarity = std::max(
          report.max_negative_similarity, estimate_similarity(prints[a].values, prints[b].values));
    }
  }
  return report;
}

}  // namespace corpus_clean::eval

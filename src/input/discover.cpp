// Discovery: inputs to a sorted list of documents, skipping hidden and special entries.
#include "input/discover.hpp"

#include <fnmatch.h>
#include <xxhash.h>

#include <algorithm>
#include <filesystem>
#include <istream>
#include <set>
#include <system_error>

namespace corpus_clean {
namespace fs = std::filesystem;

namespace {

bool is_hidden(const fs::path& name) {
  const std::string s = name.filename().string();
  return s.size() > 1 && s[0] == '.' && s != "..";
}

std::string describe(const std::error_code& ec) {
  return ec.message();
}

// What a special file is, for the message that says why it was not read.
std::string kind_of(const fs::file_status& st) {
  switch (st.type()) {
    case fs::file_type::fifo:
      return "a FIFO";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "a special file";
  }
}

// Walks `root` without recursion; directories already visited (by their real identity) are
// not entered again, which breaks symlink loops.
void walk_directory(const fs::path& root, Discovery& out) {
  std::vector<InputFile> found;
  std::set<fs::path> seen_canonical;
  std::error_code ec;
  seen_canonical.insert(fs::weakly_canonical(root, ec));

  std::vector<fs::path> pending{root};
  while (!pending.empty()) {
    const fs::path dir = std::move(pending.back());
    pending.pop_back();
    fs::directory_iterator it(dir, fs::directory_options::none, ec);
    if (ec) {
      out.errors.push_back(Error{ErrorCode::unreadable, Stage::discover,
                                 "cannot list directory: " + describe(ec), dir.string()});
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      const fs::directory_entry& entry = *it;
      const fs::path& p = entry.path();
      if (is_hidden(p))
        continue;
      std::error_code sec;
      const fs::file_status st = entry.status(sec);  // follows symlinks
      if (sec) {
        out.warnings.push_back(Error{ErrorCode::not_found, Stage::discover,
                                     "skipped: " + describe(sec) + " (dangling link?)",
                                     p.string()});
        continue;
      }
      if (fs::is_directory(st)) {
        const fs::path canonical = fs::weakly_canonical(p, sec);
        if (!sec && !seen_canonical.insert(canonical).second) {
          out.warnings.push_back(Error{ErrorCode::not_a_regular_file, Stage::discover,
                                       "skipped: directory already visited (symlink loop?)",
                                       p.string()});
          continue;
        }
        pending.push_back(p);
      } else if (fs::is_regular_file(st)) {
        found.push_back(InputFile{p.string(), p.lexically_relative(root).generic_string()});
      } else {
        out.warnings.push_back(Error{ErrorCode::not_a_regular_file, Stage::discover,
                                     "skipped: " + kind_of(st) + ", not a regular file",
                                     p.string()});
      }
    }
    if (ec) {
      out.errors.push_back(Error{ErrorCode::unreadable, Stage::discover,
                                 "cannot list directory: " + describe(ec), dir.string()});
    }
  }
  std::sort(found.begin(), found.end(),
            [](const InputFile& a, const InputFile& b) { return a.id < b.id; });
  out.files.insert(out.files.end(), std::make_move_iterator(found.begin()),
                   std::make_move_iterator(found.end()));
}

}  // namespace

Discovery discover(const std::vector<std::string>& inputs) {
  Discovery out;
  for (const std::string& input : inputs) {
    if (input == "-") {  // one document on standard input
      out.files.push_back(InputFile{"-", "-"});
      continue;
    }
    const fs::path path(input);
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      // ENOENT reads as "no such file or directory"; a symlink loop, a permission problem
      // and the like say what they are.
      const bool missing = !ec || ec == std::errc::no_such_file_or_directory;
      out.errors.push_back(Error{missing ? ErrorCode::not_found : ErrorCode::unreadable,
                                 Stage::discover,
                                 missing ? "no such file or directory" : ec.message(), input});
    } else if (fs::is_directory(st)) {
      walk_directory(path, out);
    } else if (fs::is_regular_file(st)) {
      out.files.push_back(InputFile{input, path.lexically_normal().generic_string()});
    } else {
      out.errors.push_back(Error{
          ErrorCode::not_a_regular_file, Stage::discover,
          kind_of(st) + ", not a regular file or directory" +
              (st.type() == fs::file_type::fifo ? " (a stream can be read as '-' on standard input)"
                                                : ""),
          input});
    }
  }
  return out;
}

namespace {

bool matches_any(const std::vector<std::string>& globs, const std::string& id) {
  for (const std::string& glob : globs) {
    // No FNM_PATHNAME: `*.md` matches `a/b.md`, as users of --include expect.
    if (fnmatch(glob.c_str(), id.c_str(), 0) == 0)
      return true;
  }
  return false;
}

}  // namespace

std::uint64_t shard_hash(std::string_view id) {
  return XXH3_64bits(id.data(), id.size());
}

void select_inputs(Discovery& discovery, const Selection& selection) {
  auto keep = [&](const std::string& id) {
    if (!selection.include.empty() && !matches_any(selection.include, id))
      return false;
    if (matches_any(selection.exclude, id))
      return false;
    if (selection.shard_count > 1 &&
        shard_hash(id) % selection.shard_count + 1 != selection.shard_index) {
      return false;
    }
    return true;
  };
  std::erase_if(discovery.files, [&](const InputFile& f) { return !keep(f.id); });
  // An input that could not even be listed belongs to one shard too, by the path given.
  std::erase_if(discovery.errors, [&](const Error& e) {
    return selection.shard_count > 1 &&
           shard_hash(e.path) % selection.shard_count + 1 != selection.shard_index;
  });
}

std::vector<std::string> read_path_list(std::istream& in) {
  std::vector<std::string> paths;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (!line.empty())
      paths.push_back(std::move(line));
  }
  return paths;
}

}  // namespace corpus_clean

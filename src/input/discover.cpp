// Discovery: inputs to a sorted list of documents; walks take documents only and count the rest.
#include "input/discover.hpp"

#include <fnmatch.h>
#include <xxhash.h>

#include <algorithm>
#include <filesystem>
#include <istream>
#include <optional>
#include <system_error>

#include "input/read.hpp"
#include "text/strings.hpp"

namespace corpus_clean {
namespace fs = std::filesystem;

namespace {

bool is_hidden(const std::string& name) {
  return name.size() > 1 && name[0] == '.' && name != "..";
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

// The run's output file, when it exists already: a walk must not read it back.
struct OutputFile {
  fs::path path;
  std::string name;  // its file name, checked first (equivalent() costs two stat calls)

  static std::optional<OutputFile> find(const std::string& output) {
    std::error_code ec;
    if (output == "-" || !fs::is_regular_file(output, ec))
      return std::nullopt;
    return OutputFile{output, fs::path(output).filename().string()};
  }
  // Whether `p` is the output; a file found by its own name is that file only if the names
  // match, a link may lead to it under any name.
  bool is(const fs::path& p, bool link) const {
    std::error_code ec;
    return (link || p.filename() == name) && fs::equivalent(p, path, ec);
  }
};

// True when `path` is `root` or below it; both are resolved (no "..", no links).
bool is_within(const fs::path& path, const fs::path& root) {
  return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first == root.end();
}

// What every walk of a run shares: the options, the run's output, and the places links may
// lead to (the resolved input directories and --follow-root directories).
struct WalkContext {
  const WalkOptions& options;
  std::optional<OutputFile> output;
  std::vector<fs::path> roots;

  bool inside_roots(const fs::path& resolved) const {
    return std::any_of(roots.begin(), roots.end(),
                       [&](const fs::path& root) { return is_within(resolved, root); });
  }
};

// One directory input, walked without recursion; what it finds does not depend on the order
// a file system lists entries in. A followed directory link that leads to the directory
// holding it or to one of its ancestors (by real path) is a loop, not entered.
class Walker {
 public:
  Walker(const fs::path& root, const WalkContext& context, Discovery& out)
      : root_(root), context_(context), out_(out) {}

  void run() {
    std::error_code ec;
    dirs_.push_back(Dir{root_, fs::weakly_canonical(root_, ec), kNoParent});
    std::vector<std::size_t> pending{0};
    while (!pending.empty()) {
      const std::size_t dir = pending.back();
      pending.pop_back();
      list(dir, pending);
    }
    auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
    std::sort(found_.begin(), found_.end(), by_id);
    std::sort(skips_.begin(), skips_.end(), by_id);
    out_.files.insert(out_.files.end(), std::make_move_iterator(found_.begin()),
                      std::make_move_iterator(found_.end()));
    out_.skips.insert(out_.skips.end(), std::make_move_iterator(skips_.begin()),
                      std::make_move_iterator(skips_.end()));
  }

 private:
  static constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);
  struct Dir {
    fs::path path;       // as walked (through links)
    fs::path real;       // resolved
    std::size_t parent;  // index in dirs_
  };

  void list(std::size_t dir, std::vector<std::size_t>& pending) {
    const fs::path path = dirs_[dir].path;
    std::error_code ec;
    fs::directory_iterator it(path, fs::directory_options::none, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      if (std::optional<fs::path> real = visit(*it, dir)) {
        dirs_.push_back(Dir{it->path(), std::move(*real), dir});
        pending.push_back(dirs_.size() - 1);
      }
    }
    if (ec) {
      out_.errors.push_back(Error{ErrorCode::unreadable, Stage::discover,
                                  "cannot list directory: " + describe(ec), path.string()});
    }
  }

  // Takes or skips one entry of the directory `parent`; for a directory to enter, returns its
  // real path.
  std::optional<fs::path> visit(const fs::directory_entry& entry, std::size_t parent) {
    const fs::path& p = entry.path();
    const std::string name = p.filename().string();
    if (is_hidden(name))
      return skip(p, skip_reason::hidden);
    if (name == "node_modules")
      return skip(p, skip_reason::node_modules);
    std::error_code ec;
    std::optional<fs::path> target;  // where a link leads, resolved
    if (entry.is_symlink(ec) && !(target = follow(p)))
      return std::nullopt;
    const fs::file_status st = entry.status(ec);  // follows symlinks
    if (ec)
      return skip(p, skip_reason::broken_link, "skipped: " + describe(ec) + " (dangling link?)");
    if (fs::is_directory(st)) {
      if (target && holds(*target, parent)) {
        return skip(p, skip_reason::symlink_loop,
                    "skipped: directory already visited (symlink loop?)");
      }
      return target ? *target : dirs_[parent].real / name;
    }
    if (!fs::is_regular_file(st))
      return skip(p, skip_reason::special_file, "skipped: " + kind_of(st) + ", not a regular file");
    if (context_.output && context_.output->is(p, target.has_value()))
      return std::nullopt;  // the run's own output: not an input, not even a counted one
    switch (judge_name(name, context_.options.extensions)) {
      case NameVerdict::not_a_document:
        return skip(p, skip_reason::not_a_document);
      case NameVerdict::look_inside:
        // A file that cannot be read is taken: reading it says what is wrong.
        if (file_looks_binary(p.string()).value_or(false))
          return skip(p, skip_reason::binary);
        break;
      case NameVerdict::document:
        break;
    }
    found_.push_back(InputFile{p.string(), id_of(p)});
    return std::nullopt;
  }

  // Where the link `p` leads (resolved) when the walk goes on through it; otherwise nullopt,
  // and the link is a counted skip.
  std::optional<fs::path> follow(const fs::path& p) {
    if (!context_.options.follow_links) {
      skip(p, skip_reason::symlink);
      return std::nullopt;
    }
    std::error_code ec;
    fs::path target = fs::canonical(p, ec);
    if (ec) {
      skip(p, skip_reason::broken_link, "skipped: " + describe(ec) + " (dangling link?)");
      return std::nullopt;
    }
    if (!context_.inside_roots(target)) {
      skip(p, skip_reason::outside_roots,
           "skipped: a link to " + target.string() +
               ", outside the input directories (--follow-root lets it lead there)");
      return std::nullopt;
    }
    return target;
  }

  // True when the real directory `real` is the directory `dir` or one of its ancestors.
  bool holds(const fs::path& real, std::size_t dir) const {
    for (std::size_t d = dir; d != kNoParent; d = dirs_[d].parent) {
      if (dirs_[d].real == real)
        return true;
    }
    return false;
  }

  std::optional<fs::path> skip(const fs::path& p, std::string_view reason,
                               std::string warning = {}) {
    skips_.push_back(Skip{p.string(), id_of(p), std::string(reason), std::move(warning)});
    return std::nullopt;
  }

  std::string id_of(const fs::path& p) const {
    return p.lexically_relative(root_).generic_string();
  }

  const fs::path root_;
  const WalkContext& context_;
  Discovery& out_;
  std::vector<Dir> dirs_;
  std::vector<InputFile> found_;
  std::vector<Skip> skips_;
};

WalkContext make_context(const std::vector<std::string>& inputs, const WalkOptions& walk,
                         const std::string& output) {
  WalkContext context{walk, OutputFile::find(output), {}};
  if (!walk.follow_links)
    return context;
  std::vector<std::string> places = walk.follow_roots;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input != "-" && fs::is_directory(input, ec))
      places.push_back(input);
  }
  for (const std::string& place : places) {
    std::error_code ec;
    fs::path resolved = fs::canonical(place, ec);
    if (!ec)
      context.roots.push_back(std::move(resolved));
  }
  return context;
}

}  // namespace

NameVerdict judge_name(std::string_view name, const std::vector<std::string>& extensions) {
  const std::string lower = text::ascii_lower(name);
  std::string_view base = lower;
  bool compressed = false;
  for (std::string_view suffix : {".gz", ".zst"}) {
    if (base.size() > suffix.size() && base.ends_with(suffix)) {
      base.remove_suffix(suffix.size());
      compressed = true;
      break;
    }
  }
  for (const std::string& ext : extensions) {
    if (base.size() > ext.size() + 1 && base.ends_with(ext) &&
        base[base.size() - ext.size() - 1] == '.') {
      return NameVerdict::document;
    }
  }
  // A leading dot does not make an extension (such names are hidden anyway); a compressed
  // file's first bytes say nothing of what it holds.
  const bool has_extension = base.find('.', 1) != std::string_view::npos;
  return has_extension || compressed ? NameVerdict::not_a_document : NameVerdict::look_inside;
}

Result<std::vector<std::string>> parse_extensions(std::string_view list,
                                                  std::vector<std::string> current) {
  if (list.starts_with('+')) {
    list.remove_prefix(1);
  } else {
    current.clear();
  }
  while (true) {
    const std::size_t comma = list.find(',');
    std::string_view item = text::trim(list.substr(0, comma));
    while (item.starts_with('.'))
      item.remove_prefix(1);
    if (item.empty() || item.find('/') != std::string_view::npos) {
      return make_error(ErrorCode::invalid_option, Stage::discover,
                        "--ext: '" + std::string(list.substr(0, comma)) +
                            "' is not an extension (a list such as md,html or +rst)");
    }
    std::string ext = text::ascii_lower(item);
    if (std::find(current.begin(), current.end(), ext) == current.end())
      current.push_back(std::move(ext));
    if (comma == std::string_view::npos)
      return current;
    list.remove_prefix(comma + 1);
  }
}

Discovery discover(const std::vector<std::string>& inputs, const WalkOptions& walk,
                   const std::string& output) {
  Discovery out;
  const WalkContext context = make_context(inputs, walk, output);
  const std::optional<OutputFile>& output_file = context.output;
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
      Walker(path, context, out).run();
    } else if (output_file && fs::equivalent(path, output_file->path, ec)) {
      out.errors.push_back(Error{ErrorCode::input_is_output, Stage::discover,
                                 "is the output file of this run; not read", input});
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

bool in_shard(std::string_view id, const Selection& selection) {
  return selection.shard_count <= 1 ||
         shard_hash(id) % selection.shard_count + 1 == selection.shard_index;
}

void select_inputs(Discovery& discovery, const Selection& selection) {
  auto chosen = [&](const std::string& id) {
    return (selection.include.empty() || matches_any(selection.include, id)) &&
           !matches_any(selection.exclude, id);
  };
  const bool by_file = selection.shard_by == ShardBy::file;
  std::erase_if(discovery.files, [&](const InputFile& f) {
    return !chosen(f.id) || (by_file && !in_shard(f.id, selection));
  });
  std::erase_if(discovery.skips,
                [&](const Skip& s) { return !chosen(s.id) || !in_shard(s.id, selection); });
  // An input that could not even be listed belongs to one shard too, by the path given.
  std::erase_if(discovery.errors, [&](const Error& e) { return !in_shard(e.path, selection); });
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

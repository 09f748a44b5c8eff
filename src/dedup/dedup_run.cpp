// `corpus-clean dedup` (dedup.hpp): near duplicates across record files, in passes that keep
// a few bytes per record in memory rather than its fingerprint.
//
// 1. Read every record's id and fingerprint; keep the id, write each band's key to a
//    temporary file of its own.
// 2. Band by band, sort the keys and join the records that share one (union-find): the
//    clusters of records that could be duplicates of each other. Or read those joins from
//    files that runs over some bands each wrote (GNU parallel by band).
// 3. Read the files again for the fingerprints of the records in clusters of two or more, and
//    decide each cluster with the NearDuplicateIndex of --dedup near, its records in order.
//    A record's decision depends only on the records it shares a band with, which are in its
//    cluster, so this is the decision of one pass over all the records in that order.
// 4. Write the drop list and the log, and read the files once more for the kept records.
#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>

#include "corpus_clean/dedup.hpp"
#include "dedup/dedup_log.hpp"
#include "dedup/line_file.hpp"
#include "dedup/record_scan.hpp"
#include "output/sink.hpp"

namespace corpus_clean {
namespace {

constexpr std::string_view kTool = "corpus-clean";
constexpr std::string_view kEdgesHeader = "corpus-clean dedup edges 1";

enum class State : std::uint8_t { fingerprint, no_fingerprint, failed };

// What the first pass keeps of each record: its id and whether it has a fingerprint.
struct Records {
  std::string ids;                    // every id, one after the other
  std::vector<std::uint64_t> id_end;  // where each one ends in `ids`
  std::vector<State> state;
  std::vector<std::uint32_t> fingerprinted;  // the records with a fingerprint, in order
  std::optional<MinHashOptions> shape;       // that of the first fingerprint
  std::uint64_t failed = 0;                  // lines that could not be judged
  bool unreadable = false;                   // a file could not be read to its end

  std::size_t size() const { return state.size(); }
  std::string_view id(std::size_t i) const {
    const std::uint64_t begin = i == 0 ? 0 : id_end[i - 1];
    return std::string_view(ids).substr(begin, id_end[i] - begin);
  }
};

// Closes a C file.
struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// One temporary file of 64-bit band keys per band, removed with the object.
class BandFiles {
 public:
  BandFiles() = default;
  BandFiles(const BandFiles&) = delete;
  BandFiles& operator=(const BandFiles&) = delete;
  ~BandFiles() {
    files_.clear();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  std::optional<Error> create(std::size_t bands) {
    std::error_code ec;
    std::string pattern = (std::filesystem::temp_directory_path(ec) / "corpus-clean-dedup-XXXXXX");
    if (ec || !mkdtemp(pattern.data()))
      return make_error(ErrorCode::io_error, Stage::write, "cannot make a temporary directory");
    dir_ = pattern;
    for (std::size_t b = 0; b < bands; ++b) {
      const std::string path = (dir_ / ("band-" + std::to_string(b))).string();
      files_.emplace_back(std::fopen(path.c_str(), "w+b"));
      if (!files_.back())
        return make_error(ErrorCode::io_error, Stage::write, path + ": cannot be made");
    }
    return std::nullopt;
  }
  bool created() const { return !files_.empty(); }
  bool put(std::size_t band, std::uint64_t key) {
    return std::fwrite(&key, sizeof key, 1, files_[band].get()) == 1;
  }
  // The keys of `band`, in the order they were put.
  std::optional<std::vector<std::uint64_t>> take(std::size_t band, std::size_t count) {
    std::FILE* f = files_[band].get();
    std::vector<std::uint64_t> keys(count);
    if (std::fflush(f) != 0 || std::fseek(f, 0, SEEK_SET) != 0 ||
        std::fread(keys.data(), sizeof(std::uint64_t), count, f) != count) {
      return std::nullopt;
    }
    files_[band].reset();  // read once: its disk space back now
    return keys;
  }

 private:
  std::filesystem::path dir_;
  std::vector<FilePtr> files_;
};

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), std::uint32_t{0});
  }
  std::uint32_t find(std::uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }
  void join(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b)
      parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::uint32_t> parent_;
};

// A run's diagnostics: "corpus-clean: FILE:LINE: problem".
void complain(std::ostream& err, const std::string& path, std::uint64_t line,
              std::string_view problem) {
  err << kTool << ": " << path;
  if (line > 0)
    err << ':' << line;
  err << ": " << problem << '\n';
}

// Reads every line of every input, in order; `visit(path, line_number, line)` for each.
// False when a file could not be opened or read to its end (said on `err`).
template <class Visit>
bool for_each_line(const std::vector<std::string>& inputs, std::ostream& err, Visit visit) {
  bool all = true;
  std::string line;
  for (const std::string& path : inputs) {
    Result<std::unique_ptr<LineFile>> file = LineFile::open(path);
    if (!file) {
      complain(err, path, 0, file.error().detail);
      all = false;
      continue;
    }
    while ((*file)->next(line))
      visit(path, (*file)->line_number(), line);
    if ((*file)->error()) {
      complain(err, path, (*file)->line_number() + 1, (*file)->error()->detail);
      all = false;
    }
  }
  return all;
}

// The record's fingerprint, checked against the first one's shape; an error says why it
// cannot be compared.
Result<Fingerprint> record_fingerprint(const ScannedRecord& record,
                                       std::optional<MinHashOptions>& shape) {
  if (!record.minhash) {
    return make_error(ErrorCode::invalid_option, Stage::read,
                      "no \"minhash\" key: make the records with corpus-clean --fingerprint");
  }
  Result<Fingerprint> print = decode_fingerprint(*record.minhash);
  if (!print)
    return print;
  const MinHashOptions& got = print->options;
  if (!shape)
    shape = got;
  if (got.ngram != shape->ngram || got.permutations != shape->permutations) {
    return make_error(ErrorCode::invalid_option, Stage::read,
                      "a fingerprint of " + std::to_string(got.permutations) + " values over " +
                          std::to_string(got.ngram) + "-grams, where the first record's has " +
                          std::to_string(shape->permutations) + " over " +
                          std::to_string(shape->ngram) + "-grams: it cannot be compared");
  }
  return print;
}

// Pass 1: ids, states, and the band keys of bands [first, last) into `bands`.
std::optional<Error> scan_inputs(const DedupOptions& options, std::size_t first, std::size_t last,
                                 Records& records, BandFiles& bands, std::ostream& err) {
  std::optional<Error> fatal;
  records.unreadable = !for_each_line(
      options.inputs, err, [&](const std::string& path, std::uint64_t number, std::string& line) {
        const auto index = static_cast<std::uint32_t>(records.size());
        Result<ScannedRecord> scanned = scan_record(line);
        State state = State::failed;
        if (scanned) {
          records.ids += scanned->id;
          Result<Fingerprint> print = record_fingerprint(*scanned, records.shape);
          if (!print) {
            complain(err, path, number, print.error().detail);
          } else if (print->values.empty()) {
            state = State::no_fingerprint;
          } else if (!fatal) {
            state = State::fingerprint;
            if (!bands.created())
              fatal = bands.create(last - first);
            const std::vector<std::uint64_t> keys = band_keys(print->values, options.lsh.bands);
            for (std::size_t b = first; b < last && !fatal; ++b) {
              if (!bands.put(b - first, keys[b]))
                fatal = make_error(ErrorCode::io_error, Stage::write, "cannot write band keys");
            }
            records.fingerprinted.push_back(index);
          }
        } else {
          complain(err, path, number, scanned.error().detail);
        }
        if (state == State::failed)
          ++records.failed;
        records.id_end.push_back(records.ids.size());
        records.state.push_back(state);
      });
  return fatal;
}

std::uint64_t id_hash(std::string_view id) {
  return XXH3_64bits(id.data(), id.size());
}

// Pass 2, by band: joins the records that share a band's key; writes the joins when asked.
std::optional<Error> join_bands(std::size_t count, BandFiles& bands, const Records& records,
                                UnionFind& clusters, std::FILE* edges) {
  const std::vector<std::uint32_t>& fingerprinted = records.fingerprinted;
  for (std::size_t b = 0; b < count; ++b) {
    std::optional<std::vector<std::uint64_t>> keys = bands.take(b, fingerprinted.size());
    if (!keys)
      return make_error(ErrorCode::io_error, Stage::read, "cannot read the band keys back");
    std::vector<std::pair<std::uint64_t, std::uint32_t>> sorted(fingerprinted.size());
    for (std::size_t i = 0; i < sorted.size(); ++i)
      sorted[i] = {(*keys)[i], fingerprinted[i]};
    keys.reset();
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 1; i < sorted.size(); ++i) {
      std::size_t head = i - 1;
      while (i < sorted.size() && sorted[i].first == sorted[head].first) {
        clusters.join(sorted[head].second, sorted[i].second);
        if (edges) {
          std::fprintf(edges, "%016llx %016llx\n",
                       static_cast<unsigned long long>(id_hash(records.id(sorted[head].second))),
                       static_cast<unsigned long long>(id_hash(records.id(sorted[i].second))));
        }
        ++i;
      }
    }
  }
  return std::nullopt;
}

// The header of an edges file: what it was made from, so that the files of one job fit.
struct EdgesHeader {
  std::size_t first = 0, last = 0, bands = 0, permutations = 0, ngram = 0, records = 0;
};

std::string header_line(const EdgesHeader& h) {
  return std::string(kEdgesHeader) + " bands=" + std::to_string(h.first) + "-" +
         std::to_string(h.last) + " of=" + std::to_string(h.bands) +
         " permutations=" + std::to_string(h.permutations) + " ngram=" + std::to_string(h.ngram) +
         " records=" + std::to_string(h.records) + "\n";
}

std::optional<EdgesHeader> parse_header(const std::string& line) {
  if (!line.starts_with(kEdgesHeader))
    return std::nullopt;
  unsigned long long v[6];
  char tail = 0;
  if (std::sscanf(line.c_str() + kEdgesHeader.size(),
                  " bands=%llu-%llu of=%llu permutations=%llu ngram=%llu records=%llu%c", &v[0],
                  &v[1], &v[2], &v[3], &v[4], &v[5], &tail) != 6) {
    return std::nullopt;
  }
  return EdgesHeader{v[0], v[1], v[2], v[3], v[4], v[5]};
}

// Joins the pairs of the edges files; every band 1..B must be in exactly one of them, and
// each made from these records with these options.
std::optional<Error> join_edges(const DedupOptions& options, const Records& records,
                                UnionFind& clusters, std::ostream& err) {
  auto bad = [](const std::string& path, std::string what) {
    return make_error(ErrorCode::invalid_option, Stage::read, path + ": " + std::move(what));
  };
  // Records by the hash of their id; records with the same id are joined (a larger cluster
  // only costs comparisons, never a wrong decision).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> by_hash;
  for (std::uint32_t r : records.fingerprinted)
    by_hash.emplace_back(id_hash(records.id(r)), r);
  std::sort(by_hash.begin(), by_hash.end());
  for (std::size_t i = 1; i < by_hash.size(); ++i) {
    if (by_hash[i].first == by_hash[i - 1].first)
      clusters.join(by_hash[i - 1].second, by_hash[i].second);
  }
  auto record_of = [&](std::uint64_t hash) -> std::optional<std::uint32_t> {
    auto it = std::lower_bound(by_hash.begin(), by_hash.end(), std::make_pair(hash, 0u));
    if (it == by_hash.end() || it->first != hash)
      return std::nullopt;
    return it->second;
  };
  std::vector<int> covered(options.lsh.bands + 1, 0);
  for (const std::string& path : options.edges_in) {
    Result<std::unique_ptr<LineFile>> file = LineFile::open(path);
    if (!file)
      return bad(path, file.error().detail);
    std::string line;
    std::optional<EdgesHeader> h;
    if ((*file)->next(line))
      h = parse_header(line);
    const MinHashOptions shape = records.shape.value_or(MinHashOptions{});
    if (!h || h->bands != options.lsh.bands || h->permutations != shape.permutations ||
        h->ngram != shape.ngram || h->records != records.fingerprinted.size() || h->first < 1 ||
        h->first > h->last || h->last > h->bands) {
      return bad(path, "not an edges file of these records and options (" +
                           header_line({1, options.lsh.bands, options.lsh.bands, shape.permutations,
                                        shape.ngram, records.fingerprinted.size()})
                               .substr(kEdgesHeader.size() + 1) +
                           " expected, with bands=FIRST-LAST)");
    }
    for (std::size_t b = h->first; b <= h->last; ++b)
      ++covered[b];
    while ((*file)->next(line)) {
      unsigned long long x = 0, y = 0;
      char tail = 0;
      std::optional<std::uint32_t> a, b;
      if (std::sscanf(line.c_str(), "%16llx %16llx%c", &x, &y, &tail) == 2) {
        a = record_of(x);
        b = record_of(y);
      }
      if (!a || !b)
        return bad(path, "line " + std::to_string((*file)->line_number()) +
                             ": not a pair of these records' id hashes");
      clusters.join(*a, *b);
    }
    if ((*file)->error())
      return bad(path, (*file)->error()->detail);
  }
  for (std::size_t b = 1; b <= options.lsh.bands; ++b) {
    if (covered[b] != 1) {
      err << kTool << ": the edges files hold band " << b << ' ' << covered[b] << " times\n";
      return make_error(ErrorCode::invalid_option, Stage::read,
                        "each band must be in exactly one edges file (--bands FIRST-LAST)");
    }
  }
  return std::nullopt;
}

// A record dropped as a near duplicate of a kept one.
struct Drop {
  std::uint32_t record = 0;
  std::uint32_t kept = 0;
  double similarity = 0;
};

// Pass 3: the fingerprints of the records in clusters of two or more, and the decisions.
std::optional<Error> decide(const DedupOptions& options, const Records& records,
                            UnionFind& clusters, const std::vector<std::uint32_t>& rank,
                            std::vector<Drop>& drops, std::ostream& err) {
  std::vector<std::uint32_t> size(records.size(), 0);
  for (std::uint32_t r : records.fingerprinted)
    ++size[clusters.find(r)];
  std::vector<std::uint32_t> members;  // records that may be duplicates, by (cluster, rank)
  for (std::uint32_t r : records.fingerprinted) {
    if (size[clusters.find(r)] > 1)
      members.push_back(r);
  }
  std::vector<std::uint32_t> slot(records.size(), 0);
  for (std::size_t i = 0; i < members.size(); ++i)
    slot[members[i]] = static_cast<std::uint32_t>(i);
  const std::size_t width = records.shape ? records.shape->permutations : 0;
  std::vector<std::uint32_t> values(members.size() * width);
  std::vector<bool> wanted(records.size(), false);
  for (std::uint32_t r : members)
    wanted[r] = true;
  std::uint32_t index = 0;
  bool changed = false;
  for_each_line(options.inputs, err, [&](const std::string&, std::uint64_t, std::string& line) {
    const std::uint32_t r = index++;
    if (r >= records.size() || !wanted[r])
      return;
    Result<ScannedRecord> scanned = scan_record(line);
    Result<Fingerprint> print = decode_fingerprint(scanned ? scanned->minhash.value_or("") : "");
    if (!scanned || scanned->id != records.id(r) || !print || print->values.size() != width) {
      changed = true;
      return;
    }
    std::copy(print->values.begin(), print->values.end(), values.data() + slot[r] * width);
  });
  if (changed || index != records.size())
    return make_error(ErrorCode::io_error, Stage::read, "the inputs changed while being read");
  std::sort(members.begin(), members.end(), [&](std::uint32_t a, std::uint32_t b) {
    const std::uint32_t ca = clusters.find(a), cb = clusters.find(b);
    return ca != cb ? ca < cb : rank[a] < rank[b];
  });
  for (std::size_t begin = 0; begin < members.size();) {
    std::size_t end = begin;
    const std::uint32_t cluster = clusters.find(members[begin]);
    while (end < members.size() && clusters.find(members[end]) == cluster)
      ++end;
    NearDuplicateIndex index_of_cluster(options.lsh);
    std::vector<std::uint32_t> kept;
    for (std::size_t m = begin; m < end; ++m) {
      const std::uint32_t r = members[m];
      const std::span<const std::uint32_t> v(values.data() + slot[r] * width, width);
      if (auto match = index_of_cluster.find(v)) {
        drops.push_back({r, kept[match->kept], match->similarity});
      } else {
        index_of_cluster.add(v);
        kept.push_back(r);
      }
    }
    begin = end;
  }
  std::sort(drops.begin(), drops.end(),
            [&](const Drop& a, const Drop& b) { return rank[a.record] < rank[b.record]; });
  return std::nullopt;
}

// Checks what CLI11 cannot; the band range [first, last) to read.
Result<std::pair<std::size_t, std::size_t>> check_dedup_options(const DedupOptions& options) {
  auto bad = [](std::string what) {
    return make_error(ErrorCode::invalid_option, Stage::read, std::move(what));
  };
  if (options.inputs.empty())
    return bad("dedup: no input: name the record files (made with --fingerprint)");
  for (const std::string& input : options.inputs) {
    if (input == "-")
      return bad("dedup reads its inputs more than once: name files, not '-'");
  }
  const bool by_band = options.first_band != 0 || options.last_band != 0;
  if (options.edges_out && (options.output || options.drop_list || options.dedup_log_path))
    return bad("dedup: --edges-out writes the joins of some bands only, not decisions");
  if (!options.edges_out && !options.output && !options.drop_list && !options.dedup_log_path)
    return bad("dedup: nothing to write: give -o, --drop-list, --dedup-log or --edges-out");
  if (by_band && !options.edges_out)
    return bad("dedup: --bands goes with --edges-out");
  if (options.edges_out && !options.edges_in.empty())
    return bad("dedup: --edges and --edges-out do not go together");
  if (options.lsh.bands < 1 || !(options.lsh.threshold > 0.0 && options.lsh.threshold <= 1.0))
    return bad("dedup: --near-bands must be at least 1, --near-threshold above 0 and at most 1");
  if (!by_band)
    return std::make_pair(std::size_t{0}, options.lsh.bands);
  if (options.first_band < 1 || options.first_band > options.last_band ||
      options.last_band > options.lsh.bands) {
    return bad("dedup: --bands FIRST-LAST must lie within 1-" + std::to_string(options.lsh.bands));
  }
  return std::make_pair(options.first_band - 1, options.last_band);
}

// The order records are decided in: rank[record].
std::vector<std::uint32_t> ranks(const Records& records, DedupOrder order) {
  std::vector<std::uint32_t> by(records.size());
  std::iota(by.begin(), by.end(), std::uint32_t{0});
  if (order == DedupOrder::id) {
    std::stable_sort(by.begin(), by.end(), [&](std::uint32_t a, std::uint32_t b) {
      return records.id(a) < records.id(b);
    });
  }
  std::vector<std::uint32_t> rank(records.size());
  for (std::size_t i = 0; i < by.size(); ++i)
    rank[by[i]] = static_cast<std::uint32_t>(i);
  return rank;
}

// The drop list and the log, in decision order; false (said on `err`) when one cannot be
// written.
bool write_lists(const DedupOptions& options, const Records& records,
                 const std::vector<Drop>& drops, std::ostream& err) {
  auto write = [&](const std::optional<std::string>& path, auto line_of) {
    if (!path)
      return true;
    std::ofstream out(*path, std::ios::binary | std::ios::trunc);
    for (const Drop& drop : drops)
      out << line_of(drop);
    out.flush();
    if (!out)
      complain(err, *path, 0, "cannot be written");
    return static_cast<bool>(out);
  };
  const bool list = write(options.drop_list,
                          [&](const Drop& d) { return std::string(records.id(d.record)) + "\n"; });
  const bool log = write(options.dedup_log_path, [&](const Drop& d) {
    return duplicate_log_line(records.id(d.record), records.id(d.kept), d.similarity);
  });
  return list && log;
}

// The kept lines (every line not dropped, as it was), in the inputs' order.
bool write_kept(const DedupOptions& options, const std::vector<Drop>& drops, std::size_t count,
                std::ostream& err) {
  Result<std::unique_ptr<OutputSink>> sink = OutputSink::open(*options.output);
  if (!sink) {
    err << kTool << ": " << sink.error().message() << '\n';
    return false;
  }
  std::vector<bool> dropped(count, false);
  for (const Drop& drop : drops)
    dropped[drop.record] = true;
  std::size_t index = 0;
  std::string with_end;
  for_each_line(options.inputs, err, [&](const std::string&, std::uint64_t, std::string& line) {
    if (index < count && dropped[index++])
      return;
    line += '\n';
    (*sink)->write(line);
  });
  if ((*sink)->error() || !(*sink)->commit()) {
    err << kTool << ": " << (*sink)->error()->message() << '\n';
    return false;
  }
  return true;
}

std::optional<Error> write_edges_file(const DedupOptions& options, std::size_t first,
                                      std::size_t last, BandFiles& bands, const Records& records,
                                      UnionFind& clusters) {
  FilePtr edges(std::fopen(options.edges_out->c_str(), "wb"));
  if (!edges) {
    return make_error(ErrorCode::io_error, Stage::write,
                      *options.edges_out + ": cannot be written");
  }
  const MinHashOptions shape = records.shape.value_or(MinHashOptions{});
  const std::string header = header_line({first + 1, last, options.lsh.bands, shape.permutations,
                                          shape.ngram, records.fingerprinted.size()});
  std::fputs(header.c_str(), edges.get());
  if (std::optional<Error> e = join_bands(last - first, bands, records, clusters, edges.get()))
    return e;
  if (std::fflush(edges.get()) != 0 || std::ferror(edges.get())) {
    return make_error(ErrorCode::io_error, Stage::write,
                      *options.edges_out + ": cannot be written");
  }
  return std::nullopt;
}

}  // namespace

RunSummary run_dedup(const DedupOptions& options, std::ostream& err) {
  RunSummary summary;
  auto fail = [&](const Error& error, int code) {
    err << kTool << ": " << error.message() << '\n';
    summary.exit_code = code;
    return summary;
  };
  Result<std::pair<std::size_t, std::size_t>> range = check_dedup_options(options);
  if (!range)
    return fail(range.error(), kExitUsage);
  const auto [first, last] = *range;
  const bool from_edges = !options.edges_in.empty();
  Records records;
  BandFiles bands;
  if (std::optional<Error> e =
          scan_inputs(options, first, from_edges ? first : last, records, bands, err))
    return fail(*e, kExitOutput);
  if (records.shape && records.shape->permutations % options.lsh.bands != 0) {
    return fail(make_error(ErrorCode::invalid_option, Stage::read,
                           "--near-bands " + std::to_string(options.lsh.bands) +
                               " does not divide the fingerprints' " +
                               std::to_string(records.shape->permutations) + " values"),
                kExitUsage);
  }
  UnionFind clusters(records.size());
  std::vector<Drop> drops;
  std::optional<Error> e;
  if (options.edges_out)
    e = write_edges_file(options, first, last, bands, records, clusters);
  else if (from_edges)
    e = join_edges(options, records, clusters, err);
  else
    e = join_bands(last - first, bands, records, clusters, nullptr);
  if (!e && !options.edges_out)
    e = decide(options, records, clusters, ranks(records, options.order), drops, err);
  if (e)
    return fail(*e, e->code == ErrorCode::invalid_option ? kExitUsage : kExitOutput);
  if (!options.edges_out && (!write_lists(options, records, drops, err) ||
                             (options.output && !write_kept(options, drops, records.size(), err))))
    summary.exit_code = kExitOutput;
  summary.inputs = records.size();
  summary.dropped = drops.size();
  summary.failed = records.failed;
  summary.records = summary.inputs - summary.dropped - summary.failed;
  if (!options.quiet) {
    err << kTool << ": dedup: " << summary.records << " kept, " << summary.dropped << " dropped, "
        << summary.failed << " failed (" << summary.inputs << " records)\n";
  }
  if (summary.exit_code == kExitOk && (records.failed > 0 || records.unreadable))
    summary.exit_code = kExitSomeFailed;
  return summary;
}

}  // namespace corpus_clean

// Fuzzes the container sources: any bytes, read as a WARC file and as a JSON Lines dump (plain,
// or gzip or zstd when they start like it), end, and give only documents, counted skips and
// errors that name their place in the file; a document's bytes stay under --max-bytes.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "fuzz_util.hpp"
#include "input/source.hpp"

namespace {

constexpr std::uint64_t kMaxBytes = 4096;  // small, so that the limit is met often

// The input as a file, which is what a source reads: one per process, rewritten each time.
const std::string& scratch_path() {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/fuzz-containers-" + std::to_string(getpid());
  }();
  return path;
}

void read_as(corpus_clean::InputFormat format, const std::string& path) {
  using namespace corpus_clean;
  SourceOptions options;
  options.max_bytes = kMaxBytes;
  options.format = format;
  std::unique_ptr<DocumentSource> source = open_source(InputFile{path, "in"}, options);
  while (std::optional<SourceItem> item = source->next()) {
    if (item->document.id.size() <= 2 || item->document.id.substr(0, 2) != "in")
      fuzz::fail("an item without an id of its container's");
    switch (item->kind) {
      case SourceItem::Kind::document:
        if (item->document.bytes.size() > kMaxBytes)
          fuzz::fail("a document over --max-bytes");
        if (!item->document.hints.place)
          fuzz::fail("a document that does not say where it is");
        break;
      case SourceItem::Kind::skipped:
        if (item->skip_reason.empty())
          fuzz::fail("a skip with no reason");
        break;
      case SourceItem::Kind::failed:
        if (!item->error || !item->error->place || item->error->path != path)
          fuzz::fail("an error that does not name its file and place");
        break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = scratch_path();
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file)
    corpus_clean::fuzz::fail("cannot write the scratch file");
  std::fwrite(data, 1, size, file);
  std::fclose(file);
  read_as(corpus_clean::InputFormat::warc, path);
  read_as(corpus_clean::InputFormat::jsonl, path);
  std::remove(path.c_str());
  return 0;
}

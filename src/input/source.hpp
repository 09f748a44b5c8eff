// Stage 2, read: a document source turns one input into the documents it holds. A plain file
// holds one; a container (a WARC crawl, a JSON Lines dump) holds many, read one at a time so
// that memory does not grow with the file.
//
//   std::unique_ptr<DocumentSource> source = open_source(input, options);
//   while (std::optional<SourceItem> item = source->next()) { ... }
//
// Every item a source yields ends as a record, a counted skip or an error record: a source
// never drops anything silently.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "corpus_clean/error.hpp"
#include "corpus_clean/options.hpp"
#include "corpus_clean/types.hpp"

namespace corpus_clean {

struct SourceItem {
  enum class Kind {
    document,  // to process
    skipped,   // passed over on purpose: counted by `skip_reason`
    failed,    // could not be read: an error record
  };
  Kind kind = Kind::document;
  // For a document: its id, path and hints always; its bytes unless `deferred`, in which case
  // the worker that processes it reads them (load_document), so that plain files are read in
  // parallel.
  Document document;
  bool deferred = false;
  std::string skip_reason;  // skipped: a short stable name, e.g. "warc_request"
  std::optional<Error> error;
};

class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // The next item, or nullopt when the input holds no more.
  virtual std::optional<SourceItem> next() = 0;
};

struct SourceOptions {
  std::uint64_t max_bytes = kDefaultMaxBytes;  // a larger document is an error record
  InputFormat format = InputFormat::auto_detect;
  JsonlFields jsonl = {};
};

// How `input` is read: `format`, or by its name for auto_detect (see InputFormat).
InputFormat input_format_of(const InputFile& input, InputFormat format);

// The source for one discovered input: a plain file (compressed or not) is one document; a
// WARC file (warc.hpp) or a JSON Lines dump (jsonl.hpp) holds many.
std::unique_ptr<DocumentSource> open_source(const InputFile& input, const SourceOptions& options);

// A source that yields `error` as its one item: a container that cannot be opened.
std::unique_ptr<DocumentSource> failed_source(const InputFile& input, Error error);

// Reads the bytes of a deferred document (a plain file) into it. Bytes that look binary
// (looks_binary in read.hpp: a NUL in the first 8 KiB) are an error, binary_input: a file
// named as an input is always read, but never turned into a record of U+FFFD.
Result<bool> load_document(Document& document, const SourceOptions& options);

}  // namespace corpus_clean

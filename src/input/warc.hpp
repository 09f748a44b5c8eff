// Stage 2, read: WARC files (ISO 28500, WARC/1.0 and WARC/1.1), the format web crawls are
// stored in (Common Crawl, wget --warc-file, Heritrix, Browsertrix), as a document source.
// Records are read one at a time from a plain, gzip (a member per record) or zstd file, in
// memory bounded by --max-bytes whatever the file's size.
//
// What each record becomes:
//   - response (an HTTP response: status 2xx, the payload de-chunked and decompressed) and
//     resource records whose payload is HTML or text: a document. Its id is the file's id, '#'
//     and the record's WARC-Record-ID without its angle brackets
//     ("CC-MAIN-1.warc.gz#urn:uuid:6e1b…"): stable and unique, as the standard asks of it.
//   - a redirect (3xx) or another non-2xx status, a payload that is neither HTML nor text (PDF,
//     images, scripts), a record of the crawler's own data (a target URI that is not http(s),
//     ftp or file: dns:, metadata:, urn:), and request, metadata, warcinfo, revisit,
//     conversion and continuation records: counted skips (warc_skip in warc.cpp names them).
//   - a record that cannot be read (a corrupt gzip member, a malformed header, a block over
//     --max-bytes, an end inside it): an error record naming its offset (and WARC-Record-ID
//     when known); the reader goes on at the next record.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "input/byte_stream.hpp"
#include "input/http.hpp"
#include "input/source.hpp"

namespace corpus_clean {

// How much of a block over --max-bytes is kept: enough for an HTTP head, which tells whether
// the record is a document at all (a 200 MB video is a skip, not an error).
inline constexpr std::size_t kWarcHeadBytes = 64 * 1024;

// A WARC header larger than this is malformed.
inline constexpr std::size_t kMaxWarcHeader = 64 * 1024;

struct WarcRecord {
  std::uint64_t offset = 0;  // ByteStream::offset() at its first byte
  HeaderFields fields;       // the WARC header's fields, after the version line
  std::uint64_t length = 0;  // Content-Length: the size of the block
  std::string block;         // the block, or its first kWarcHeadBytes when `cut`
  bool cut = false;          // the block is over --max-bytes: only its head was kept

  std::string field(std::string_view name) const;  // "" when absent
  std::string record_id() const;                   // WARC-Record-ID without its angle brackets
};

// The records of a WARC stream, in order.
class WarcReader {
 public:
  WarcReader(std::unique_ptr<ByteStream> stream, std::uint64_t max_bytes);

  // The next record; an Error (its place filled in) for one that cannot be read, after which
  // the reader goes on at the next record it finds; nullopt at the end. A file that ends inside
  // a record is an error (truncated) for that record; one that ends after a whole record, with
  // only the rest of its gzip member missing, has lost nothing and says nothing.
  std::optional<Result<WarcRecord>> next();

 private:
  bool skip_blank_lines();
  Result<std::string> read_header(std::uint64_t offset);
  Result<bool> read_block(WarcRecord& record);
  Error interrupted(std::uint64_t offset, std::string_view what);
  void skip_to_next_record();

  std::unique_ptr<ByteStream> stream_;
  std::uint64_t max_bytes_;
};

// The source for one WARC input (see the top of this file).
std::unique_ptr<DocumentSource> open_warc_source(const InputFile& input,
                                                 const SourceOptions& options);

}  // namespace corpus_clean

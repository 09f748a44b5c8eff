// Stage 2, read: a container file (a WARC crawl, a JSON Lines dump) as one stream of bytes,
// decompressed as it is read, in bounded memory whatever the file's size. The compression is
// told by the first bytes, not the name: gzip (a member per record, as crawlers write it, or
// one for the whole file), zstd (frames, with the dictionary of a `.warc.zst` in its leading
// skippable frame), or none.
//
//   Result<std::unique_ptr<ByteStream>> stream = ByteStream::open(path);
//   for (std::string_view bytes; !(bytes = (*stream)->peek()).empty();) {
//     ... use a prefix of bytes ...; (*stream)->consume(n);
//   }
//   if (std::optional<StreamProblem> problem = (*stream)->take_problem()) { ... }
//
// A corrupt gzip member or zstd frame is a problem, not the end: the stream goes on at the next
// member (frame) it finds after it, so one bad record does not cost the rest of a crawl.
//
// A gzip member is inflated whole by libdeflate when all of it is in the input buffer and its
// bytes fit the output buffer (a crawl's record almost always does): twice zlib's speed, with
// the same checks (CRC-32 and length). The rest (a member larger than the buffers, a corrupt or
// truncated one) is inflated by zlib as a stream, which also says what is wrong with it.
#pragma once

#include <libdeflate.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus_clean/error.hpp"
#include "input/read.hpp"

namespace corpus_clean {

// What interrupted a stream's data.
struct StreamProblem {
  ErrorCode code;        // truncated (the file ends inside a member), unreadable (corrupt, I/O)
  std::string detail;    // a sentence, no path in it
  std::uint64_t offset;  // where in the file the member (frame) it happened in starts
};

class ByteStream {
 public:
  enum class Compression { none, gzip, zstd };

  // Opens `path` ("-": standard input) and reads its first bytes to tell the compression.
  static Result<std::unique_ptr<ByteStream>> open(const std::string& path);
  ~ByteStream();
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  // The decompressed bytes not consumed yet, read and decompressed when none are left; they
  // never span two gzip members (zstd frames), so offset() holds for all of them. Empty at the
  // end of the data, and when a problem stopped it (take_problem).
  std::string_view peek();
  void consume(std::size_t n);

  // Where the next byte of peek() comes from: in a compressed file, the offset of the member
  // (frame) holding it, which is a record's own offset when each record has a member of its
  // own; uncompressed, the byte's own offset.
  std::uint64_t offset() const;

  // The problem that made peek() return empty, if one did; the stream goes on after it (at the
  // next member), or ends.
  std::optional<StreamProblem> take_problem();

  Compression compression() const { return compression_; }

 private:
  ByteStream(std::FILE* file, bool owned);
  void fill();
  bool refill_input();
  void fill_plain();
  void fill_gzip();
  bool inflate_whole_member();
  void fill_zstd();
  void begin_member();
  void end_member(std::size_t produced);
  void corrupt(std::string detail);
  void load_zstd_dictionary();
  bool resync();

  std::FILE* file_;
  FilePtr owned_;
  Compression compression_ = Compression::none;

  std::vector<char> in_;          // compressed bytes read from the file
  std::size_t in_pos_ = 0;        // the next unread byte of in_
  std::size_t in_len_ = 0;        // the bytes of in_ that hold data
  std::uint64_t in_offset_ = 0;   // the file offset of in_[0]
  bool eof_ = false;              // the file has no more bytes
  std::unique_ptr<char[]> out_;   // decompressed bytes (not in a plain file: peek() shows in_)
  std::size_t out_capacity_ = 0;  // the size of out_
  const char* data_ = nullptr;    // what peek() shows: data_[pos_, len_)
  std::size_t len_ = 0;
  std::size_t pos_ = 0;
  std::uint64_t out_offset_ = 0;  // offset() of data_'s bytes
  bool in_member_ = false;        // a member (frame) has begun and not ended
  bool resyncing_ = false;        // looking for the next member after a corrupt one
  std::optional<StreamProblem> problem_;

  bool resynced_ = false;       // the member began where a resync found it
  std::size_t member_out_ = 0;  // bytes the current member gave so far

  struct ZlibEnd {
    void operator()(z_stream* z) const {
      inflateEnd(z);
      delete z;
    }
  };
  struct ZstdFree {
    void operator()(ZSTD_DCtx* z) const { ZSTD_freeDCtx(z); }
  };
  struct DeflateFree {
    void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
  };
  std::unique_ptr<z_stream, ZlibEnd> zlib_;
  std::unique_ptr<libdeflate_decompressor, DeflateFree> deflate_;
  std::unique_ptr<ZSTD_DCtx, ZstdFree> zstd_;
};

}  // namespace corpus_clean

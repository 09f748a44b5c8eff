// Reading a record file line by line, decompressing as it goes (line_file.hpp).
#include "dedup/line_file.hpp"

#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>

namespace corpus_clean {
namespace {

constexpr std::size_t kChunk = 1 << 16;

Error read_error(std::string detail) {
  return make_error(ErrorCode::unreadable, Stage::read, std::move(detail));
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

// Turns the file's bytes into the text's: one chunk of input at a time.
class LineFile::Decoder {
 public:
  virtual ~Decoder() = default;
  // Appends what `in` decodes to; an error message, or "" when all is well.
  virtual std::string decode(std::string_view in, std::string& out) = 0;
  // "" when the stream ended where a stream may end.
  virtual std::string finish() = 0;
};

namespace {

class GzipDecoder final : public LineFile::Decoder {
 public:
  GzipDecoder() { ok_ = inflateInit2(&stream_, 16 + MAX_WBITS) == Z_OK; }
  ~GzipDecoder() override { inflateEnd(&stream_); }
  GzipDecoder(const GzipDecoder&) = delete;
  GzipDecoder& operator=(const GzipDecoder&) = delete;

  std::string decode(std::string_view in, std::string& out) override {
    if (!ok_)
      return "zlib initialisation failed";
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    stream_.avail_in = static_cast<uInt>(in.size());
    char buffer[kChunk];
    while (stream_.avail_in > 0) {
      stream_.next_out = reinterpret_cast<Bytef*>(buffer);
      stream_.avail_out = sizeof buffer;
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      out.append(buffer, sizeof buffer - stream_.avail_out);
      if (rc == Z_STREAM_END) {
        ended_ = true;  // another member may follow, as `cat a.gz b.gz` makes
        if (inflateReset(&stream_) != Z_OK)
          return "bad gzip member";
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR)
        return stream_.msg ? stream_.msg : "corrupt gzip data";
      ended_ = false;
    }
    return "";
  }
  std::string finish() override { return ended_ ? "" : "truncated gzip data"; }

 private:
  z_stream stream_{};
  bool ok_ = false;
  bool ended_ = true;
};

class ZstdDecoder final : public LineFile::Decoder {
 public:
  std::string decode(std::string_view in, std::string& out) override {
    if (!stream_)
      return "zstd initialisation failed";
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    char buffer[kChunk];
    while (input.pos < input.size) {
      ZSTD_outBuffer chunk{buffer, sizeof buffer, 0};
      pending_ = ZSTD_decompressStream(stream_.get(), &chunk, &input);
      if (ZSTD_isError(pending_))
        return ZSTD_getErrorName(pending_);
      out.append(buffer, chunk.pos);
    }
    // Flush what the decoder still holds of the input it has.
    while (pending_ != 0) {
      ZSTD_outBuffer chunk{buffer, sizeof buffer, 0};
      pending_ = ZSTD_decompressStream(stream_.get(), &chunk, &input);
      if (ZSTD_isError(pending_))
        return ZSTD_getErrorName(pending_);
      if (chunk.pos == 0)
        break;
      out.append(buffer, chunk.pos);
    }
    return "";
  }
  std::string finish() override { return pending_ == 0 ? "" : "truncated zstd data"; }

 private:
  std::unique_ptr<ZSTD_DStream, std::size_t (*)(ZSTD_DStream*)> stream_{ZSTD_createDStream(),
                                                                        ZSTD_freeDStream};
  std::size_t pending_ = 0;
};

}  // namespace

Result<std::unique_ptr<LineFile>> LineFile::open(const std::string& path) {
  std::unique_ptr<LineFile> file(new LineFile());
  file->file_ = std::fopen(path.c_str(), "rb");
  if (!file->file_) {
    const int err = errno;
    return make_error(err == ENOENT ? ErrorCode::not_found : ErrorCode::unreadable, Stage::read,
                      std::string("cannot open: ") + std::strerror(err));
  }
  if (ends_with(path, ".gz"))
    file->decoder_ = std::make_unique<GzipDecoder>();
  else if (ends_with(path, ".zst"))
    file->decoder_ = std::make_unique<ZstdDecoder>();
  return file;
}

LineFile::~LineFile() {
  if (file_)
    std::fclose(file_);
}

bool LineFile::fill() {
  if (eof_ || error_)
    return false;
  char chunk[kChunk];
  const std::size_t got = std::fread(chunk, 1, sizeof chunk, file_);
  if (got < sizeof chunk) {
    if (std::ferror(file_)) {
      error_ = read_error(std::string("read error: ") + std::strerror(errno));
      return false;
    }
    eof_ = true;
  }
  if (!decoder_) {
    buffer_.append(chunk, got);
  } else if (std::string problem = decoder_->decode({chunk, got}, buffer_); !problem.empty()) {
    error_ = read_error("cannot decompress: " + problem);
    return false;
  } else if (eof_) {
    if (std::string end = decoder_->finish(); !end.empty()) {
      error_ = read_error("cannot decompress: " + end);
      return false;
    }
  }
  return true;
}

bool LineFile::next(std::string& line) {
  std::size_t searched = start_;
  while (true) {
    const std::size_t end = buffer_.find('\n', searched);
    if (end != std::string::npos) {
      line.assign(buffer_, start_, end - start_);
      start_ = end + 1;
      ++line_number_;
      return true;
    }
    // Keep only the unread part before reading more, so memory is one line and one chunk.
    buffer_.erase(0, start_);
    start_ = 0;
    searched = buffer_.size();
    if (!fill()) {
      if (error_ || buffer_.empty())
        return false;
      line.assign(buffer_);  // a last line without '\n'
      buffer_.clear();
      ++line_number_;
      return true;
    }
  }
}

}  // namespace corpus_clean

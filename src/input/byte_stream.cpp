// A container file's bytes, decompressed as they are read (byte_stream.hpp).
#include "input/byte_stream.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "input/inflate.hpp"

namespace corpus_clean {
namespace {

constexpr std::size_t kInputBuffer = std::size_t{1} << 16;
constexpr std::size_t kOutputBuffer = std::size_t{1} << 17;
// A gzip file's buffers: the input holds a member of up to half its size whole (a crawl's
// record is a few tens of KiB compressed), the output what such a member inflates to.
constexpr std::size_t kGzipInputBuffer = std::size_t{1} << 20;
constexpr std::size_t kGzipOutputBuffer = std::size_t{4} << 20;
// A .warc.zst's dictionary frame is at most this large (the format suggests far less).
constexpr std::uint64_t kMaxDictionary = std::uint64_t{16} << 20;

bool starts_with_bytes(std::string_view bytes, std::initializer_list<unsigned char> magic) {
  if (bytes.size() < magic.size())
    return false;
  std::size_t i = 0;
  for (unsigned char m : magic) {
    if (static_cast<unsigned char>(bytes[i++]) != m)
      return false;
  }
  return true;
}

// A gzip member's header: the magic, deflate, and no reserved flag bit set.
bool gzip_header_at(std::string_view bytes) {
  return starts_with_bytes(bytes, {0x1f, 0x8b, 0x08}) && bytes.size() >= 4 &&
         (static_cast<unsigned char>(bytes[3]) & 0xE0) == 0;
}

bool zstd_frame_at(std::string_view bytes) {
  return starts_with_bytes(bytes, {0x28, 0xb5, 0x2f, 0xfd});
}

// Any skippable frame (magic 0x184D2A50 to 0x184D2A5F, little-endian).
bool skippable_frame_at(std::string_view bytes) {
  return bytes.size() >= 4 && (static_cast<unsigned char>(bytes[0]) & 0xF0) == 0x50 &&
         starts_with_bytes(bytes.substr(1), {0x2a, 0x4d, 0x18});
}

std::uint32_t little_endian32(std::string_view bytes) {
  std::uint32_t value = 0;
  for (std::size_t i = 4; i-- > 0;)
    value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  return value;
}

}  // namespace

ByteStream::ByteStream(std::FILE* file, bool owned)
    : file_(file), owned_(owned ? file : nullptr), in_(kInputBuffer) {}

ByteStream::~ByteStream() = default;

Result<std::unique_ptr<ByteStream>> ByteStream::open(const std::string& path) {
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) {
    const int err = errno;
    return make_error(err == ENOENT ? ErrorCode::not_found : ErrorCode::unreadable, Stage::read,
                      std::string("cannot open: ") + std::strerror(err));
  }
  std::unique_ptr<ByteStream> stream(new ByteStream(file, path != "-"));
  stream->refill_input();
  const std::string_view head(stream->in_.data(), stream->in_len_);
  if (starts_with_bytes(head, {0x1f, 0x8b})) {
    stream->compression_ = Compression::gzip;
    stream->zlib_.reset(new z_stream{});
    if (inflateInit2(stream->zlib_.get(), 16 + MAX_WBITS) != Z_OK)
      return make_error(ErrorCode::unreadable, Stage::read, "zlib initialisation failed");
    stream->deflate_.reset(libdeflate_alloc_decompressor());
    if (!stream->deflate_)
      return make_error(ErrorCode::unreadable, Stage::read, "libdeflate initialisation failed");
    stream->in_.resize(kGzipInputBuffer);
    stream->out_capacity_ = kGzipOutputBuffer;
  } else if (zstd_frame_at(head) || skippable_frame_at(head)) {
    stream->compression_ = Compression::zstd;
    stream->zstd_.reset(ZSTD_createDCtx());
    if (!stream->zstd_)
      return make_error(ErrorCode::unreadable, Stage::read, "zstd initialisation failed");
    stream->load_zstd_dictionary();
    stream->out_capacity_ = kOutputBuffer;
  }
  if (stream->out_capacity_ > 0)  // uninitialised: only what a member fills is touched
    stream->out_.reset(new char[stream->out_capacity_]);
  return stream;
}

std::string_view ByteStream::peek() {
  if (pos_ == len_)
    fill();
  return std::string_view(data_ + pos_, len_ - pos_);
}

void ByteStream::consume(std::size_t n) {
  pos_ = std::min(len_, pos_ + n);
}

std::uint64_t ByteStream::offset() const {
  return compression_ == Compression::none ? out_offset_ + pos_ : out_offset_;
}

std::optional<StreamProblem> ByteStream::take_problem() {
  std::optional<StreamProblem> problem = std::move(problem_);
  problem_.reset();
  return problem;
}

// Moves the unread input to the buffer's start and reads after it; true when bytes were read.
bool ByteStream::refill_input() {
  if (in_pos_ > 0) {
    std::memmove(in_.data(), in_.data() + in_pos_, in_len_ - in_pos_);
    in_len_ -= in_pos_;
    in_offset_ += in_pos_;
    in_pos_ = 0;
  }
  if (eof_ || in_len_ == in_.size())
    return false;
  const std::size_t n = std::fread(in_.data() + in_len_, 1, in_.size() - in_len_, file_);
  in_len_ += n;
  if (n == 0) {
    eof_ = true;
    if (std::ferror(file_)) {
      problem_ =
          StreamProblem{ErrorCode::unreadable, std::string("read error: ") + std::strerror(errno),
                        in_offset_ + in_len_};
    }
  }
  return n > 0;
}

void ByteStream::fill() {
  data_ = out_.get();
  len_ = pos_ = 0;
  while (len_ == 0 && !problem_) {
    if (resyncing_ && !resync())
      return;
    if (!in_member_ && in_pos_ == in_len_ && !refill_input())
      return;  // the end of the data (or a read error, in problem_)
    switch (compression_) {
      case Compression::none:
        fill_plain();
        break;
      case Compression::gzip:
        fill_gzip();
        break;
      case Compression::zstd:
        fill_zstd();
        break;
    }
  }
}

// The input as it is: peek() shows in_ itself, which is not read into again before all of it
// is consumed.
void ByteStream::fill_plain() {
  out_offset_ = in_offset_ + in_pos_;
  data_ = in_.data() + in_pos_;
  len_ = in_len_ - in_pos_;
  in_pos_ = in_len_;
}

void ByteStream::begin_member() {
  if (in_member_)
    return;
  out_offset_ = in_offset_ + in_pos_;
  in_member_ = true;
  member_out_ = 0;
}

void ByteStream::end_member(std::size_t produced) {
  len_ = produced;
  member_out_ += produced;
}

// A corrupt member: a problem, and a resync to the next member, unless the member began where
// an earlier resync guessed wrong (a chance match of the magic inside compressed data): then
// the resync goes on silently, the problem already told.
void ByteStream::corrupt(std::string detail) {
  in_member_ = false;
  resyncing_ = true;
  // The next member starts after this one's first byte, whatever the decoder consumed.
  if (in_offset_ + in_pos_ <= out_offset_)
    in_pos_ = std::min(in_len_, static_cast<std::size_t>(out_offset_ + 1 - in_offset_));
  if (resynced_ && member_out_ == 0 && len_ == 0)
    return;
  problem_ = StreamProblem{ErrorCode::unreadable, std::move(detail), out_offset_};
}

// The member that starts at in_pos_, inflated whole into out_; false (nothing consumed) when it
// is not all in the buffer, does not fit out_, or is corrupt: zlib then takes it as a stream.
bool ByteStream::inflate_whole_member() {
  if (in_len_ - in_pos_ < in_.size() / 2 && !eof_)
    refill_input();  // the member's start moves to in_[0], and as much as fits is read after it
  std::size_t in_used = 0;
  std::size_t out_used = 0;
  if (libdeflate_gzip_decompress_ex(deflate_.get(), in_.data() + in_pos_, in_len_ - in_pos_,
                                    out_.get(), out_capacity_, &in_used,
                                    &out_used) != LIBDEFLATE_SUCCESS) {
    return false;
  }
  in_pos_ += in_used;
  in_member_ = false;
  resynced_ = false;
  end_member(out_used);
  return true;
}

void ByteStream::fill_gzip() {
  z_stream& z = *zlib_;
  if (!in_member_) {
    begin_member();
    if (inflate_whole_member())
      return;
    inflateReset(&z);
  }
  // As a stream, a piece of the member at a time.
  const std::size_t piece = std::min(out_capacity_, kOutputBuffer);
  z.next_out = reinterpret_cast<Bytef*>(out_.get());
  z.avail_out = static_cast<uInt>(piece);
  while (z.avail_out == piece) {
    if (in_pos_ == in_len_ && !refill_input()) {
      end_member(piece - z.avail_out);
      in_member_ = false;
      if (!problem_) {
        problem_ =
            StreamProblem{ErrorCode::truncated, "the file ends inside a gzip member", out_offset_};
      }
      return;
    }
    z.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
    z.avail_in = static_cast<uInt>(in_len_ - in_pos_);
    const int rc = inflate(&z, Z_NO_FLUSH);
    in_pos_ = in_len_ - z.avail_in;
    if (rc == Z_STREAM_END) {
      in_member_ = false;
      resynced_ = false;
      break;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      end_member(piece - z.avail_out);
      corrupt(std::string("corrupt gzip member (") + (z.msg ? z.msg : "zlib error") + ")");
      return;
    }
  }
  end_member(piece - z.avail_out);
}

void ByteStream::fill_zstd() {
  begin_member();
  ZSTD_outBuffer out{out_.get(), out_capacity_, 0};
  while (out.pos == 0) {
    if (in_pos_ == in_len_ && !refill_input()) {
      end_member(0);
      in_member_ = false;
      if (!problem_) {
        problem_ =
            StreamProblem{ErrorCode::truncated, "the file ends inside a zstd frame", out_offset_};
      }
      return;
    }
    ZSTD_inBuffer in{in_.data(), in_len_, in_pos_};
    const std::size_t rc = ZSTD_decompressStream(zstd_.get(), &out, &in);
    in_pos_ = in.pos;
    if (ZSTD_isError(rc)) {
      ZSTD_DCtx_reset(zstd_.get(), ZSTD_reset_session_only);
      end_member(out.pos);
      corrupt(std::string("corrupt zstd frame (") + ZSTD_getErrorName(rc) + ")");
      return;
    }
    if (rc == 0) {  // the frame is whole and flushed
      in_member_ = false;
      resynced_ = false;
      break;
    }
  }
  end_member(out.pos);
}

// Moves the input to the next member's (frame's) magic after a corrupt one; false when the file
// holds no more.
bool ByteStream::resync() {
  const auto header_at = [this](std::string_view bytes) {
    return compression_ == Compression::gzip ? gzip_header_at(bytes) : zstd_frame_at(bytes);
  };
  constexpr std::size_t kMagic = 4;
  while (true) {
    const std::string_view bytes(in_.data() + in_pos_, in_len_ - in_pos_);
    for (std::size_t i = 0; i + kMagic <= bytes.size(); ++i) {
      if (header_at(bytes.substr(i))) {
        in_pos_ += i;
        resyncing_ = false;
        resynced_ = true;
        return true;
      }
    }
    // Keep the last bytes: a magic may straddle two reads.
    if (bytes.size() >= kMagic)
      in_pos_ = in_len_ - (kMagic - 1);
    if (!refill_input()) {
      in_pos_ = in_len_;
      resyncing_ = false;
      return false;
    }
  }
}

// A .warc.zst may open with a skippable frame (magic 0x184D2A5D) holding the dictionary every
// frame after it was compressed with, itself zstd-compressed or not.
void ByteStream::load_zstd_dictionary() {
  const std::string_view head(in_.data(), in_len_);
  if (!starts_with_bytes(head, {0x5d, 0x2a, 0x4d, 0x18}) || head.size() < 8)
    return;
  const std::uint64_t size = little_endian32(head.substr(4));
  if (size > kMaxDictionary)
    return;  // not read: the frames that need it fail, and say so
  in_.resize(std::max<std::size_t>(in_.size(), static_cast<std::size_t>(size) + 8));
  while (in_len_ < size + 8 && refill_input()) {
  }
  if (in_len_ < size + 8)
    return;
  std::string_view dictionary(in_.data() + 8, static_cast<std::size_t>(size));
  Result<std::string> unpacked = zstd_frame_at(dictionary)
                                     ? unzstd(dictionary, kMaxDictionary)
                                     : Result<std::string>(std::string(dictionary));
  if (unpacked)
    ZSTD_DCtx_loadDictionary(zstd_.get(), unpacked->data(), unpacked->size());
  in_pos_ = static_cast<std::size_t>(size) + 8;
}

}  // namespace corpus_clean

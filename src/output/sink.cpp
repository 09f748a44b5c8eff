// The output sink: stdout, or a temporary file renamed into place on success.
#include "output/sink.hpp"

#include <limits.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace corpus_clean {

// Streams bytes through gzip or zstd into the sink's file.
class OutputSink::Compressor {
 public:
  virtual ~Compressor() = default;
  // Compresses `data` (or, with finish, flushes the end of the stream) into `out`.
  virtual bool compress(std::string_view data, bool finish, std::string& out,
                        std::string& error) = 0;
};

namespace {

class GzipCompressor final : public OutputSink::Compressor {
 public:
  GzipCompressor() {
    ok_ = deflateInit2(&stream_, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~GzipCompressor() override {
    if (ok_)
      deflateEnd(&stream_);
  }
  bool compress(std::string_view data, bool finish, std::string& out, std::string& error) override {
    if (!ok_) {
      error = "zlib initialisation failed";
      return false;
    }
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream_.avail_in = static_cast<uInt>(data.size());
    char buffer[1 << 16];
    int rc;
    do {
      stream_.next_out = reinterpret_cast<Bytef*>(buffer);
      stream_.avail_out = sizeof buffer;
      rc = deflate(&stream_, finish ? Z_FINISH : Z_NO_FLUSH);
      if (rc == Z_STREAM_ERROR) {
        error = "gzip compression failed";
        return false;
      }
      out.append(buffer, sizeof buffer - stream_.avail_out);
    } while (stream_.avail_out == 0 || (finish && rc != Z_STREAM_END));
    return true;
  }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

class ZstdCompressor final : public OutputSink::Compressor {
 public:
  ZstdCompressor() : stream_(ZSTD_createCStream(), ZSTD_freeCStream) {
    if (stream_)
      ZSTD_initCStream(stream_.get(), 3);
  }
  bool compress(std::string_view data, bool finish, std::string& out, std::string& error) override {
    if (!stream_) {
      error = "zstd initialisation failed";
      return false;
    }
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    char buffer[1 << 16];
    std::size_t remaining;
    do {
      ZSTD_outBuffer chunk{buffer, sizeof buffer, 0};
      remaining =
          ZSTD_compressStream2(stream_.get(), &chunk, &in, finish ? ZSTD_e_end : ZSTD_e_continue);
      if (ZSTD_isError(remaining)) {
        error = ZSTD_getErrorName(remaining);
        return false;
      }
      out.append(buffer, chunk.pos);
    } while (in.pos < in.size || (finish && remaining != 0));
    return true;
  }

 private:
  std::unique_ptr<ZSTD_CStream, std::size_t (*)(ZSTD_CStream*)> stream_;
};

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// --- Removing the temporary file on SIGINT, SIGTERM and SIGHUP ------------------------------
//
// The handler does only what is async-signal-safe: unlink(2) a path kept in a static buffer,
// then put the signal's default action back and raise(3) it, so that the process ends as the
// signal says. The default comes back only after the unlink: a second signal that arrives
// meanwhile, on this thread or another, runs the handler again rather than ending the process
// with the file still there (SA_RESETHAND would reset it on entry and lose that race).
// SA_NODEFER leaves the signal unblocked in the handler, so that the raise ends it at once.

constexpr std::array<int, 3> kCleanupSignals{SIGINT, SIGTERM, SIGHUP};

char g_temp_path[PATH_MAX];
volatile std::sig_atomic_t g_temp_path_set = 0;
std::array<struct sigaction, kCleanupSignals.size()> g_previous{};
std::array<bool, kCleanupSignals.size()> g_installed{};
std::atomic<bool> g_armed{false};  // one sink at a time owns the handlers

extern "C" void remove_temp_and_reraise(int sig) {
  if (g_temp_path_set)
    ::unlink(g_temp_path);
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  ::sigaction(sig, &default_action, nullptr);
  ::raise(sig);        // the disposition is the default again: this ends the process
  ::_exit(128 + sig);  // in case it did not
}

sigset_t cleanup_set() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : kCleanupSignals)
    sigaddset(&set, sig);
  return set;
}

// Blocks the cleanup signals for its lifetime, so that the handler never sees the path half
// written or the handlers half installed.
class SignalsBlocked {
 public:
  SignalsBlocked() {
    const sigset_t set = cleanup_set();
    pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~SignalsBlocked() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  SignalsBlocked(const SignalsBlocked&) = delete;
  SignalsBlocked& operator=(const SignalsBlocked&) = delete;

 private:
  sigset_t old_;
};

// Makes the handler remove `path`; false when another sink has the handlers already or the
// path does not fit. Called with the signals blocked.
bool arm_signal_cleanup(const std::string& path) {
  if (path.size() >= sizeof g_temp_path || g_armed.exchange(true))
    return false;
  std::memcpy(g_temp_path, path.c_str(), path.size() + 1);
  g_temp_path_set = 1;
  struct sigaction action {};
  action.sa_handler = remove_temp_and_reraise;
  action.sa_flags = SA_NODEFER;
  for (std::size_t k = 0; k < kCleanupSignals.size(); ++k) {
    g_installed[k] = false;
    if (sigaction(kCleanupSignals[k], nullptr, &g_previous[k]) != 0 ||
        g_previous[k].sa_handler != SIG_DFL || (g_previous[k].sa_flags & SA_SIGINFO) != 0) {
      continue;  // ignored (nohup) or handled by the program: not ours to change
    }
    // The other two wait while the handler runs; this one (SA_NODEFER) does not.
    action.sa_mask = cleanup_set();
    sigdelset(&action.sa_mask, kCleanupSignals[k]);
    g_installed[k] = sigaction(kCleanupSignals[k], &action, nullptr) == 0;
  }
  return true;
}

// Puts the previous dispositions back. Called with the signals blocked.
void disarm_signal_cleanup() {
  for (std::size_t k = 0; k < kCleanupSignals.size(); ++k) {
    if (g_installed[k])
      sigaction(kCleanupSignals[k], &g_previous[k], nullptr);
    g_installed[k] = false;
  }
  g_temp_path_set = 0;
  g_armed.store(false);
}

}  // namespace

OutputSink::OutputSink() = default;

Result<std::unique_ptr<OutputSink>> OutputSink::open(const std::string& path) {
  std::unique_ptr<OutputSink> sink(new OutputSink());
  sink->path_ = path;
  if (ends_with(path, ".gz"))
    sink->compressor_ = std::make_unique<GzipCompressor>();
  if (ends_with(path, ".zst"))
    sink->compressor_ = std::make_unique<ZstdCompressor>();
  if (path == "-") {
    sink->file_ = stdout;
    sink->is_stdout_ = true;
    return sink;
  }
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    return make_error(ErrorCode::io_error, Stage::write, path + ": is a directory");
  }
  if (!fs::exists(target, ec) || fs::is_regular_file(target, ec)) {
    // A regular file (or a new one) is written beside itself and renamed into place.
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string templ = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    const SignalsBlocked blocked;  // from the file's creation to the handler knowing of it
    const int fd = ::mkstemp(templ.data());
    if (fd < 0) {
      return make_error(ErrorCode::io_error, Stage::write,
                        path + ": cannot create output: " + std::strerror(errno));
    }
    sink->signals_armed_ = arm_signal_cleanup(templ);
    ::fchmod(
        fd, 0644 & ~[] {
          const mode_t mask = ::umask(0);
          ::umask(mask);
          return mask;
        }());
    sink->file_ = ::fdopen(fd, "wb");
    sink->temp_path_ = templ;
  } else {
    // A device or a pipe (/dev/null, /dev/full, a FIFO) is written directly.
    sink->file_ = std::fopen(path.c_str(), "wb");
  }
  if (!sink->file_) {
    return make_error(ErrorCode::io_error, Stage::write,
                      path + ": cannot open output: " + std::strerror(errno));
  }
  return sink;
}

OutputSink::~OutputSink() {
  if (file_ && !is_stdout_)
    std::fclose(file_);
  const SignalsBlocked blocked;
  if (!committed_ && !temp_path_.empty())
    ::unlink(temp_path_.c_str());
  if (signals_armed_)
    disarm_signal_cleanup();
}

bool OutputSink::fail(const std::string& what, int errnum) {
  if (errnum == EPIPE) {
    reader_gone_ = true;
    return false;
  }
  if (!error_) {
    const std::string name = is_stdout_ ? "standard output" : path_;
    error_ =
        make_error(ErrorCode::io_error, Stage::write,
                   name + ": " + what + (errnum ? std::string(": ") + std::strerror(errnum) : ""));
  }
  return false;
}

bool OutputSink::put(const char* data, std::size_t size) {
  if (size == 0)
    return true;
  if (std::fwrite(data, 1, size, file_) != size)
    return fail("write failed", errno);
  bytes_out_ += size;
  return true;
}

bool OutputSink::write(std::string_view bytes) {
  if (error_ || reader_gone_)
    return false;
  if (bytes.empty())
    return true;
  bytes_in_ += bytes.size();
  if (!compressor_)
    return put(bytes.data(), bytes.size());
  std::string compressed, error;
  if (!compressor_->compress(bytes, false, compressed, error))
    return fail(error, 0);
  return put(compressed.data(), compressed.size());
}

bool OutputSink::commit() {
  if (error_ || reader_gone_)
    return false;
  if (compressor_) {
    std::string tail, error;
    if (!compressor_->compress({}, true, tail, error))
      return fail(error, 0);
    if (!put(tail.data(), tail.size()))
      return false;
  }
  if (std::fflush(file_) != 0)
    return fail("write failed", errno);
  if (is_stdout_)
    return true;
  if (temp_path_.empty()) {
    const int rc = std::fclose(file_);
    file_ = nullptr;
    if (rc != 0)
      return fail("close failed", errno);
    committed_ = true;
    return true;
  }
  if (::fsync(::fileno(file_)) != 0 && errno != EINVAL)
    return fail("sync failed", errno);
  const int rc = std::fclose(file_);
  file_ = nullptr;
  if (rc != 0)
    return fail("close failed", errno);
  const SignalsBlocked blocked;  // renamed and forgotten by the handler at once
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0)
    return fail("rename failed", errno);
  committed_ = true;
  if (signals_armed_)
    disarm_signal_cleanup();
  signals_armed_ = false;
  return true;
}

}  // namespace corpus_clean

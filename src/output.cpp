// The output sink: stdout, or a temporary file renamed into place on success.
#include "corpus_clean/output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace corpus_clean {

Result<std::unique_ptr<OutputSink>> OutputSink::open(const std::string& path) {
  std::unique_ptr<OutputSink> sink(new OutputSink());
  sink->path_ = path;
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
    const int fd = ::mkstemp(templ.data());
    if (fd < 0) {
      return make_error(ErrorCode::io_error, Stage::write,
                        path + ": cannot create output: " + std::strerror(errno));
    }
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
  if (!committed_ && !temp_path_.empty())
    ::unlink(temp_path_.c_str());
}

bool OutputSink::fail(const std::string& what, int errnum) {
  if (errnum == EPIPE) {
    reader_gone_ = true;
    return false;
  }
  if (!error_) {
    const std::string name = is_stdout_ ? "standard output" : path_;
    error_ = make_error(ErrorCode::io_error, Stage::write,
                        name + ": " + what + ": " + std::strerror(errnum));
  }
  return false;
}

bool OutputSink::write(std::string_view bytes) {
  if (error_ || reader_gone_)
    return false;
  if (bytes.empty())
    return true;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    return fail("write failed", errno);
  }
  return true;
}

bool OutputSink::commit() {
  if (error_ || reader_gone_)
    return false;
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
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0)
    return fail("rename failed", errno);
  committed_ = true;
  return true;
}

}  // namespace corpus_clean

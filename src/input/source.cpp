// Document sources (source.hpp): a plain file is one document, read later by a worker; the
// containers are in warc.cpp and jsonl.cpp.
#include "input/source.hpp"

#include "input/jsonl.hpp"
#include "input/read.hpp"
#include "input/warc.hpp"
#include "text/strings.hpp"

namespace corpus_clean {
namespace {

class PlainFileSource final : public DocumentSource {
 public:
  explicit PlainFileSource(const InputFile& input) : input_(input) {}

  std::optional<SourceItem> next() override {
    if (done_)
      return std::nullopt;
    done_ = true;
    SourceItem item;
    item.document.id = input_.id;
    item.document.path = input_.path;
    item.deferred = true;
    return item;
  }

 private:
  InputFile input_;
  bool done_ = false;
};

class FailedSource final : public DocumentSource {
 public:
  FailedSource(const InputFile& input, Error error) : input_(input), error_(std::move(error)) {}

  std::optional<SourceItem> next() override {
    if (!error_)
      return std::nullopt;
    SourceItem item;
    item.kind = SourceItem::Kind::failed;
    item.document.id = input_.id;
    item.document.path = input_.path;
    error_->path = input_.path;
    item.error = std::move(error_);
    error_.reset();
    return item;
  }

 private:
  InputFile input_;
  std::optional<Error> error_;
};

bool has_suffix(std::string_view lower_name, std::string_view extension) {
  for (std::string_view compression : {"", ".gz", ".zst"}) {
    const std::string suffix = std::string(extension) + std::string(compression);
    if (lower_name.size() > suffix.size() && lower_name.ends_with(suffix))
      return true;
  }
  return false;
}

}  // namespace

InputFormat input_format_of(const InputFile& input, InputFormat format) {
  if (format != InputFormat::auto_detect)
    return format;
  const std::string name = text::ascii_lower(input.path);
  if (has_suffix(name, ".warc"))
    return InputFormat::warc;
  if (has_suffix(name, ".jsonl"))
    return InputFormat::jsonl;
  return InputFormat::plain;
}

std::unique_ptr<DocumentSource> open_source(const InputFile& input, const SourceOptions& options) {
  switch (input_format_of(input, options.format)) {
    case InputFormat::warc:
      return open_warc_source(input, options);
    case InputFormat::jsonl:
      return open_jsonl_source(input, options);
    case InputFormat::plain:
    case InputFormat::auto_detect:
      break;
  }
  return std::make_unique<PlainFileSource>(input);
}

std::unique_ptr<DocumentSource> failed_source(const InputFile& input, Error error) {
  return std::make_unique<FailedSource>(input, std::move(error));
}

Result<bool> load_document(Document& document, const SourceOptions& options) {
  Result<std::string> bytes = read_file(document.path, options.max_bytes);
  if (!bytes)
    return std::move(bytes).take_error();
  if (looks_binary(*bytes)) {
    return make_error(ErrorCode::binary_input, Stage::read,
                      "binary data (a NUL byte in the first 8 KiB), not a text document");
  }
  document.bytes = std::move(bytes).value();
  return true;
}

}  // namespace corpus_clean

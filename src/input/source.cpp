// Document sources (source.hpp): a plain file is one document, read later by a worker.
#include "input/source.hpp"

#include "input/read.hpp"

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

}  // namespace

std::unique_ptr<DocumentSource> open_source(const InputFile& input,
                                            const SourceOptions& /*options*/) {
  return std::make_unique<PlainFileSource>(input);
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

// Fuzzes the whole per-document pipeline, decode to record, with a default Context: every
// input ends as a record, a drop or an Error, and a record serializes.
#include <memory>

#include "corpus_clean/pipeline.hpp"
#include "corpus_clean/record.hpp"
#include "fuzz_util.hpp"

namespace {

const corpus_clean::Context& default_context() {
  static const std::unique_ptr<corpus_clean::Context> context = [] {
    auto created = corpus_clean::Context::create(corpus_clean::Options{});
    if (!created.ok())
      corpus_clean::fuzz::fail("no context for the default options");
    return std::move(created).value();
  }();
  return *context;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corpus_clean;
  Document document{
      "input.md", "fuzz/input.md", std::string(reinterpret_cast<const char*>(data), size), {}};
  Outcome outcome = process_document(std::move(document), default_context());
  if (outcome.kind == Outcome::Kind::record)
    (void)to_json_line(outcome.record);
  return 0;
}

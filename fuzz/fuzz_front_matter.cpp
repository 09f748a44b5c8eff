// Fuzzes front matter splitting and YAML parsing: any bytes give a split or an Error, and any
// split gives JSON or an Error, never an exception or a crash.
#include "document/front_matter.hpp"
#include "document/yaml_meta.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corpus_clean;
  const Result<FrontMatterSplit> split = split_front_matter(fuzz::as_text(data, size));
  if (!split.ok())
    return 0;
  const Result<Json> meta = parse_front_matter(*split);
  if (meta.ok())
    (void)meta->dump(-1, ' ', false, Json::error_handler_t::replace);
  return 0;
}

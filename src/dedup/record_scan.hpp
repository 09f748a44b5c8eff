// What `corpus-clean dedup` reads of a record line: its id and its `minhash` key. Records as
// corpus-clean writes them are scanned without parsing the rest of the line (the text is most
// of it); any other JSON object is parsed whole.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "corpus_clean/error.hpp"

namespace corpus_clean {

struct ScannedRecord {
  std::string id;                      // the raw bytes (\udcXX escapes turned back into bytes)
  std::optional<std::string> minhash;  // the key's value; nullopt when the record has none
};

// An error says what is wrong with the line (not JSON, no id).
Result<ScannedRecord> scan_record(std::string_view line);

}  // namespace corpus_clean

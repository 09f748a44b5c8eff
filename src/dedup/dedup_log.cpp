// The --dedup-log line (dedup_log.hpp).
#include "dedup/dedup_log.hpp"

#include <charconv>

#include "corpus_clean/record.hpp"

namespace corpus_clean {

std::string duplicate_log_line(std::string_view id, std::string_view duplicate_of,
                               double similarity) {
  std::string line = "{\"id\":";
  append_json_path(line, id);
  line += ",\"duplicate_of\":";
  append_json_path(line, duplicate_of);
  line += ",\"similarity\":";
  char number[32];
  const std::to_chars_result end = std::to_chars(number, number + sizeof number, similarity);
  line.append(number, end.ptr);
  line += "}\n";
  return line;
}

}  // namespace corpus_clean

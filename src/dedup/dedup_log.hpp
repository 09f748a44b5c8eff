// The --dedup-log line: which record was dropped as a duplicate of which kept one, and how
// similar they are. One definition for the writer's filters and for `corpus-clean dedup`.
#pragma once

#include <string>
#include <string_view>

namespace corpus_clean {

// {"id":…,"duplicate_of":…,"similarity":…} and '\n'; the ids as lossless as a record's, the
// similarity as the shortest decimal that reads back as the same double.
std::string duplicate_log_line(std::string_view id, std::string_view duplicate_of,
                               double similarity);

}  // namespace corpus_clean

// Dates as the sites write them, to ISO 8601: an offset is kept, GMT/UTC becomes `Z`, a time
// with no zone stays without one (unless a zone is assumed), a date alone stays a date.
//   "Thu, 10 Feb 2022 08:05:15 GMT"   → "2022-02-10T08:05:15Z"
//   "2022-02-04 17:56:23 +0800"       → "2022-02-04T17:56:23+08:00"
//   "2021-12-01 09:16"                → "2021-12-01T09:16:00"
//   "2023年3月21日"                    → "2023-03-21"
//   "Invalid Date"                    → nullopt
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace corpus_clean {

struct DateOptions {
  // Minutes east of UTC given to a date-time that names no zone (--assume-tz +08:00).
  std::optional<int> assume_offset_minutes;
};

std::optional<std::string> to_iso8601(std::string_view text, const DateOptions& options = {});

// Parses "+08:00", "+0800", "-05", "Z", "UTC" into minutes east of UTC.
std::optional<int> parse_utc_offset(std::string_view text);

}  // namespace corpus_clean

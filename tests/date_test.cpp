// Dates to ISO 8601.
#include "corpus_clean/date.hpp"

#include <gtest/gtest.h>

namespace corpus_clean {
namespace {

TEST(ToIso8601, Table) {
  struct Row {
    std::string in;
    std::optional<std::string> out;
  };
  const Row rows[] = {
      {"Thu, 10 Feb 2022 08:05:15 GMT", "2022-02-10T08:05:15Z"},
      {"Thu, 02 Dec 2021 07:56:55 GMT", "2021-12-02T07:56:55Z"},
      {"10 Feb 2022 08:05 +0800", "2022-02-10T08:05:00+08:00"},
      {"2022-02-04 17:56:23 +0800", "2022-02-04T17:56:23+08:00"},
      {"2021-12-08 10:18:31", "2021-12-08T10:18:31"},
      {"2021-12-01 09:16", "2021-12-01T09:16:00"},
      {"2021-04-17T00:26:49.000Z", "2021-04-17T00:26:49.000Z"},
      {"2021-04-17T00:26:49-05:30", "2021-04-17T00:26:49-05:30"},
      {"2021/4/7 8:05:09", "2021-04-07T08:05:09"},
      {"2023-03-21", "2023-03-21"},
      {"2023年3月21日", "2023-03-21"},
      {"2021年12月01日 09:16", "2021-12-01T09:16:00"},
      {"二〇二三年三月二十一日", "2023-03-21"},
      {"2021 年 03 月 15 日", "2021-03-15"},
      {"2021　年　3　月　5　日", "2021-03-05"},
      {"2021 年 03 月 15 日 09:30", "2021-03-15T09:30:00"},
      {"20 21年3月5日", std::nullopt},  // a space inside a number is no date
      {"2021年 3 1月5日", std::nullopt},
      {"二〇二一年十二月十日", "2021-12-10"},
      {"Thu Feb 10 2022 16:05:15 GMT+0800 (China Standard Time)", "2022-02-10T16:05:15+08:00"},
      {"  2022-02-04  ", "2022-02-04"},
      {"Invalid Date", std::nullopt},
      {"2022-02-30", std::nullopt},
      {"2021-02-29", std::nullopt},
      {"2020-02-29", "2020-02-29"},
      {"2022-13-01", std::nullopt},
      {"2022-01-01 25:00", std::nullopt},
      {"3月21日", std::nullopt},
      {"2022-01-01 10:00 and more", std::nullopt},
      {"", std::nullopt},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(to_iso8601(row.in), row.out) << row.in;
  }
}

TEST(ToIso8601, AssumedZoneOnlyForZonelessTimes) {
  DateOptions options;
  options.assume_offset_minutes = 8 * 60;
  EXPECT_EQ(to_iso8601("2021-12-08 10:18:31", options), "2021-12-08T10:18:31+08:00");
  EXPECT_EQ(to_iso8601("2021-12-08 10:18:31 +0000", options), "2021-12-08T10:18:31+00:00");
  EXPECT_EQ(to_iso8601("Thu, 10 Feb 2022 08:05:15 GMT", options), "2022-02-10T08:05:15Z");
  EXPECT_EQ(to_iso8601("2021-12-08", options), "2021-12-08");
}

TEST(ParseUtcOffset, Table) {
  EXPECT_EQ(parse_utc_offset("+08:00"), 480);
  EXPECT_EQ(parse_utc_offset("+0800"), 480);
  EXPECT_EQ(parse_utc_offset("-05:30"), -330);
  EXPECT_EQ(parse_utc_offset("Z"), 0);
  EXPECT_EQ(parse_utc_offset("UTC"), 0);
  EXPECT_EQ(parse_utc_offset("8"), std::nullopt);
  EXPECT_EQ(parse_utc_offset("+99:00"), std::nullopt);
  EXPECT_EQ(parse_utc_offset(""), std::nullopt);
}

}  // namespace
}  // namespace corpus_clean

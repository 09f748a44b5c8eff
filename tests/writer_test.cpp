// The record writer's filter chain, and the ordered hand-over between feeder, workers and
// writer.
#include "output/writer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <sstream>
#include <thread>

#include "run/work_queue.hpp"
#include "test_util.hpp"

namespace corpus_clean {
namespace {

SerializedRecord record(std::string id, std::string site, std::string hash, std::int64_t chars) {
  return SerializedRecord{
      "{\"id\":\"" + id + "\"}\n", std::move(id), std::move(site), std::move(hash), chars, {}};
}

TEST(RecordWriter, EachFilterDropsWithItsReasonInOrder) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "out.jsonl").string();
  Options options;
  options.sites = {"sina", "nbd"};
  options.min_chars = 10;
  options.dedup_exact = true;
  auto sink = OutputSink::open(path);
  ASSERT_TRUE(sink.ok());
  RecordWriter writer(**sink, make_filters(options));
  struct Row {
    SerializedRecord in;
    bool written;
    const char* dropped;  // nullptr: kept
  };
  const Row rows[] = {
      {record("a", "sina", "h1", 50), true, nullptr},
      {record("b", "generic", "h2", 50), false, "site"},
      {record("c", "nbd", "h3", 9), false, "min_chars"},
      {record("d", "nbd", "h1", 50), false, "duplicate"},
      // A record a filter dropped is not remembered: its copy is the first written.
      {record("e", "generic", "h4", 50), false, "site"},
      {record("f", "sina", "h4", 50), true, nullptr},
      {record("g", "sina", "h4", 50), false, "duplicate"},
  };
  for (const Row& row : rows) {
    const RecordWriter::Verdict verdict = writer.write(row.in);
    EXPECT_EQ(verdict.written, row.written) << row.in.id;
    if (row.dropped) {
      ASSERT_TRUE(verdict.dropped.has_value()) << row.in.id;
      EXPECT_EQ(*verdict.dropped, row.dropped) << row.in.id;
    } else {
      EXPECT_FALSE(verdict.dropped.has_value()) << row.in.id;
    }
  }
  ASSERT_TRUE((*sink)->commit());
  EXPECT_EQ(testing::read_all(path), "{\"id\":\"a\"}\n{\"id\":\"f\"}\n");
}

// A record with a fingerprint of 8 values: `base` and the first `differ` of them changed.
SerializedRecord printed(std::string id, std::uint32_t base, std::size_t differ) {
  SerializedRecord r =
      record(std::move(id), "generic", "h-" + std::to_string(base * 10 + differ), 50);
  for (std::uint32_t i = 0; i < 8; ++i)
    r.minhash.push_back(base * 100 + i + (i < differ ? 50u : 0u));
  return r;
}

TEST(RecordWriter, NearDuplicatesDroppedAndLogged) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "out.jsonl").string();
  Options options;
  options.dedup_exact = true;
  options.dedup_near = true;
  options.near.lsh = {4, 0.75};  // 4 bands of 2 of the 8 values
  std::ostringstream log;
  auto sink = OutputSink::open(path);
  ASSERT_TRUE(sink.ok());
  RecordWriter writer(**sink, make_filters(options, &log));
  struct Row {
    SerializedRecord in;
    const char* dropped;  // nullptr: written
  };
  const Row rows[] = {
      {printed("a", 1, 0), nullptr},
      {printed("b", 1, 2), "near_duplicate"},  // 6 of 8 like a
      {printed("c", 1, 3), nullptr},           // 5 of 8: below 0.75
      {printed("d", 1, 0), "duplicate"},       // a's text hash: the exact filter's
      {printed("e", 2, 0), nullptr},
      {printed("f", 2, 1), "near_duplicate"},
      {record("g", "generic", "h-g", 50), nullptr},  // no fingerprint: never a near duplicate
      {record("h", "generic", "h-h", 50), nullptr},
  };
  for (const Row& row : rows) {
    const RecordWriter::Verdict verdict = writer.write(row.in);
    EXPECT_EQ(verdict.written, row.dropped == nullptr) << row.in.id;
    if (row.dropped) {
      ASSERT_TRUE(verdict.dropped.has_value()) << row.in.id;
      EXPECT_EQ(*verdict.dropped, row.dropped) << row.in.id;
    }
  }
  EXPECT_EQ(log.str(),
            "{\"id\":\"b\",\"duplicate_of\":\"a\",\"similarity\":0.75}\n"
            "{\"id\":\"d\",\"duplicate_of\":\"a\",\"similarity\":1}\n"
            "{\"id\":\"f\",\"duplicate_of\":\"e\",\"similarity\":0.875}\n");
}

TEST(RecordWriter, LangKeepsTheLanguagesNamedAndCountsTheRest) {
  testing::TempDir dir;
  Options options;
  options.languages = {"zh", "ja"};
  auto sink = OutputSink::open((dir.path() / "out.jsonl").string());
  ASSERT_TRUE(sink.ok());
  RecordWriter writer(**sink, make_filters(options));
  struct Row {
    std::string lang;
    bool written;
  };
  const Row rows[] = {
      {"zh", true}, {"ja", true}, {"en", false}, {"ko", false}, {"", false}, {"zhx", false},
  };
  for (const Row& row : rows) {
    SerializedRecord in = record(row.lang, "generic", "h" + row.lang, 50);
    in.lang = row.lang;
    const RecordWriter::Verdict verdict = writer.write(in);
    EXPECT_EQ(verdict.written, row.written) << "lang '" << row.lang << "'";
    if (!row.written) {
      ASSERT_TRUE(verdict.dropped.has_value()) << row.lang;
      EXPECT_EQ(*verdict.dropped, "lang") << row.lang;
    }
  }
}

TEST(RecordWriter, NoOptionsNoFilters) {
  EXPECT_TRUE(make_filters(Options{}).empty());
}

// Windows of 8 (a batch of one) and of 64 (the feeder and the writer woken eight at a time).
void results_come_back_in_push_order(std::size_t kWindow) {
  SCOPED_TRACE("window " + std::to_string(kWindow));
  constexpr std::size_t kJobs = 2000;
  WorkQueue<std::size_t, std::size_t> queue(kWindow);
  std::atomic<std::size_t> in_flight_max{0};
  std::atomic<std::size_t> pushed{0}, taken{0};
  std::vector<std::jthread> threads;
  threads.emplace_back([&] {
    for (std::size_t i = 0; i < kJobs; ++i) {
      ASSERT_TRUE(queue.push(i));
      const std::size_t flight = ++pushed - taken.load();
      std::size_t seen = in_flight_max.load();
      while (flight > seen && !in_flight_max.compare_exchange_weak(seen, flight)) {
      }
    }
    queue.close();
  });
  for (int w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      std::mt19937 random(static_cast<unsigned>(w));
      while (auto job = queue.claim()) {
        if (random() % 8 == 0)
          std::this_thread::sleep_for(std::chrono::microseconds(random() % 200));
        queue.put(job->first, job->second * 3);
      }
    });
  }
  std::size_t expected = 0;
  while (std::optional<std::size_t> done = queue.take()) {
    ASSERT_EQ(*done, expected * 3);
    ++expected;
    ++taken;
  }
  EXPECT_EQ(expected, kJobs);
  EXPECT_LE(in_flight_max.load(), kWindow + 1);  // +1: the count is read just after a take
}

TEST(WorkQueue, ResultsComeBackInPushOrderWhateverTheWorkers) {
  results_come_back_in_push_order(8);
  results_come_back_in_push_order(64);
}

// The writer waits for a batch of results only when that many jobs are pushed: the results of a
// feeder that has pushed fewer (a slow pipe) come out at once, without waiting for the close.
TEST(WorkQueue, ResultsOfASlowFeederComeOutAtOnce) {
  WorkQueue<int, int> queue(64);  // a batch of 8
  std::jthread worker([&] {
    while (auto job = queue.claim())
      queue.put(job->first, job->second + 100);
  });
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(queue.push(i));
    const std::optional<int> done = queue.take();  // would wait forever for a batch of 8
    ASSERT_TRUE(done.has_value());
    EXPECT_EQ(*done, i + 100);
  }
  queue.close();
  EXPECT_FALSE(queue.take().has_value());
}

TEST(WorkQueue, UnclaimedJobsWeighNoMoreThanTheBudget) {
  WorkQueue<int, int> queue(100, 10);
  std::atomic<int> pushed{0};
  std::jthread feeder([&] {
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(queue.push(i, 6));  // 6 + 6 > 10: each waits for the one before it
      ++pushed;
    }
    ASSERT_TRUE(queue.push(3, 50));  // heavier than the budget: pushed alone
    ++pushed;
    queue.close();
  });
  auto wait_for = [&](int n) {
    while (pushed.load() < n)
      std::this_thread::yield();
  };
  wait_for(1);
  // A correct queue never lets the second job in before a claim; a broken one would, at once.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(pushed.load(), 1);
  for (int expected = 0; expected < 4; ++expected) {
    auto job = queue.claim();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->second, expected);
    wait_for(expected + 2 > 4 ? 4 : expected + 2);
  }
  EXPECT_FALSE(queue.claim().has_value());
}

TEST(WorkQueue, StopReleasesAFeederWaitingForRoom) {
  WorkQueue<int, int> queue(2);
  std::jthread feeder([&] {
    int i = 0;
    while (queue.push(i++)) {
    }
  });
  auto first = queue.claim();
  ASSERT_TRUE(first.has_value());
  queue.stop();  // the feeder is blocked: the window is full
  EXPECT_FALSE(queue.claim().has_value());
  feeder.join();  // returns: push failed
}

}  // namespace
}  // namespace corpus_clean

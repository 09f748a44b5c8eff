// The hand-over between the feeder (which reads the inputs' sources in order), the workers and
// the writer: jobs numbered in input order in a ring of `window` slots, so that at most `window`
// documents are in flight whatever the size of the corpus, and the writer takes the results back
// in the order the jobs were pushed, whatever the number of workers. A job may weigh something
// (the bytes a container's document holds): the jobs waiting for a worker weigh at most
// `budget` together (one job alone may weigh more), so that reading ahead of the workers costs
// a bounded amount of memory whatever the documents' sizes.
//
// The feeder and the writer are woken a batch at a time (an eighth of the window), not once a
// document: a feeder that finds the window full waits until a batch of slots is free, and a
// writer that finds the next result missing waits until a batch of results is there (or all
// the jobs pushed so far are done, so that a slow feeder's documents still come out at once).
// A wake-up is a context switch; once a document, on two cores, it cost a few per cent of a run.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace corpus_clean {

template <class Job, class Done>
class WorkQueue {
 public:
  explicit WorkQueue(std::size_t window, std::size_t budget = static_cast<std::size_t>(-1))
      : slots_(window == 0 ? 1 : window),
        budget_(budget),
        batch_(std::max<std::size_t>(1, slots_.size() / 8)) {}

  // Feeder: appends the next job, waiting while the window is full or the jobs no worker has
  // claimed yet would weigh more than the budget with it. False once stopped.
  bool push(Job job, std::size_t weight = 0) {
    std::unique_lock lock(mutex_);
    const std::size_t needed = pushed_ < taken_ + slots_.size() ? 1 : batch_;
    space_.wait(lock, [&] {
      const bool room = pushed_ + needed <= taken_ + slots_.size();
      const bool light = waiting_weight_ == 0 ||
                         (waiting_weight_ <= budget_ && weight <= budget_ - waiting_weight_);
      return stopped_ || (room && light);
    });
    if (stopped_)
      return false;
    Slot& slot = slots_[pushed_ % slots_.size()];
    slot.job = std::move(job);
    slot.weight = weight;
    waiting_weight_ += weight;
    ++pushed_;
    lock.unlock();
    work_.notify_one();
    return true;
  }

  // Feeder: there are no more jobs.
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    work_.notify_all();
    ready_.notify_all();
  }

  // Worker: the next job nobody has claimed, with its number; nullopt when the feeder has
  // closed and every job is claimed, or when the run stops.
  std::optional<std::pair<std::size_t, Job>> claim() {
    std::unique_lock lock(mutex_);
    work_.wait(lock, [&] { return stopped_ || claimed_ < pushed_ || closed_; });
    if (stopped_ || claimed_ == pushed_)
      return std::nullopt;
    const std::size_t seq = claimed_++;
    Slot& slot = slots_[seq % slots_.size()];
    std::pair<std::size_t, Job> claimed{seq, std::move(*slot.job)};
    slot.job.reset();
    const bool weighed = slot.weight > 0;
    waiting_weight_ -= slot.weight;
    slot.weight = 0;
    lock.unlock();
    if (weighed)
      space_.notify_one();  // the feeder may be waiting for the budget
    return claimed;
  }

  // Worker: the result of job `seq`.
  void put(std::size_t seq, Done done) {
    bool wake = false;
    {
      std::lock_guard lock(mutex_);
      slots_[seq % slots_.size()].done = std::move(done);
      wake = writer_waiting_ && batch_ready();
    }
    if (wake)
      ready_.notify_one();
  }

  // Writer: the result of the next job in order, once it is there; nullopt when the feeder has
  // closed and every result is taken.
  std::optional<Done> take() {
    std::unique_lock lock(mutex_);
    Slot& slot = slots_[taken_ % slots_.size()];
    if (!slot.done) {
      writer_waiting_ = true;
      ready_.wait(lock, [&] { return batch_ready() || (closed_ && taken_ == pushed_); });
      writer_waiting_ = false;
    }
    if (!slot.done)
      return std::nullopt;
    std::optional<Done> done = std::move(slot.done);
    slot.done.reset();
    ++taken_;
    const bool room = pushed_ + batch_ <= taken_ + slots_.size();
    lock.unlock();
    if (room)
      space_.notify_one();
    return done;
  }

  // Everyone stops: the feeder's next push fails, workers claim no more.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    space_.notify_all();
    work_.notify_all();
  }

 private:
  // The next result is there, and so is the last of its batch, or that one is not pushed yet.
  bool batch_ready() const {
    const auto done = [&](std::size_t seq) { return slots_[seq % slots_.size()].done.has_value(); };
    return done(taken_) && (taken_ + batch_ > pushed_ || done(taken_ + batch_ - 1));
  }

  struct Slot {
    std::optional<Job> job;
    std::size_t weight = 0;
    std::optional<Done> done;
  };
  std::vector<Slot> slots_;
  std::size_t budget_;
  std::size_t batch_;               // the feeder and the writer are woken this many at a time
  std::size_t waiting_weight_ = 0;  // of the jobs pushed and not claimed
  std::mutex mutex_;
  std::condition_variable space_;  // the feeder waits for room
  std::condition_variable work_;   // workers wait for jobs
  std::condition_variable ready_;  // the writer waits for the next result
  std::size_t pushed_ = 0;
  std::size_t claimed_ = 0;
  std::size_t taken_ = 0;
  bool closed_ = false;
  bool stopped_ = false;
  bool writer_waiting_ = false;
};

}  // namespace corpus_clean

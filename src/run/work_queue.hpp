// The hand-over between the feeder (which reads the inputs' sources in order), the workers and
// the writer: jobs numbered in input order in a ring of `window` slots, so that at most `window`
// documents are in flight whatever the size of the corpus, and the writer takes the results back
// in the order the jobs were pushed, whatever the number of workers. A job may weigh something
// (the bytes a container's document holds): the jobs waiting for a worker weigh at most
// `budget` together (one job alone may weigh more), so that reading ahead of the workers costs
// a bounded amount of memory whatever the documents' sizes.
#pragma once

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
      : slots_(window == 0 ? 1 : window), budget_(budget) {}

  // Feeder: appends the next job, waiting while the window is full or the jobs no worker has
  // claimed yet would weigh more than the budget with it. False once stopped.
  bool push(Job job, std::size_t weight = 0) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] {
      const bool room = pushed_ < taken_ + slots_.size();
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
    {
      std::lock_guard lock(mutex_);
      slots_[seq % slots_.size()].done = std::move(done);
    }
    ready_.notify_all();
  }

  // Writer: the result of the next job in order, once it is there; nullopt when the feeder has
  // closed and every result is taken.
  std::optional<Done> take() {
    std::unique_lock lock(mutex_);
    Slot& slot = slots_[taken_ % slots_.size()];
    ready_.wait(lock, [&] { return slot.done.has_value() || (closed_ && taken_ == pushed_); });
    if (!slot.done)
      return std::nullopt;
    std::optional<Done> done = std::move(slot.done);
    slot.done.reset();
    ++taken_;
    lock.unlock();
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
  struct Slot {
    std::optional<Job> job;
    std::size_t weight = 0;
    std::optional<Done> done;
  };
  std::vector<Slot> slots_;
  std::size_t budget_;
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
};

}  // namespace corpus_clean

#include "staging/background_sha256.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "core/core.hpp"
#include "staging/sha256.hpp"

namespace msync::staging {

// Slots form a ring. The caller fills slots_[filling_] (never queued while it is being filled);
// the worker hashes the `queued_` slots that follow next_to_hash_, in order. Everything the two
// threads share is behind mutex_; a slot's bytes are handed over by the queued_ count changing
// under it.
class BackgroundSha256::Worker {
 public:
  explicit Worker(Options options) : options_(options) {
    options_.slots = std::max<std::size_t>(options_.slots, 2);
    options_.slot_bytes = std::max<std::size_t>(options_.slot_bytes, 1);
  }

  ~Worker() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void update(std::span<const char> bytes) {
    if (!thread_.joinable() && (no_thread_ || fed_ + bytes.size() <= options_.inline_bytes || !start())) {
      digest_.update(bytes);
      fed_ += bytes.size();
      return;
    }
    fed_ += bytes.size();
    while (!bytes.empty()) {
      Slot& slot = slots_[filling_];
      const std::size_t n = std::min(bytes.size(), options_.slot_bytes - slot.size);
      std::memcpy(slot.data.get() + slot.size, bytes.data(), n);
      slot.size += n;
      bytes = bytes.subspan(n);
      if (slot.size == options_.slot_bytes) hand_over();
    }
  }

  std::span<char> fill_buffer() {
    if (!thread_.joinable() && (no_thread_ || !start())) {
      scratch_.resize(options_.slot_bytes);
      return scratch_;
    }
    if (slots_[filling_].size != 0) hand_over();
    return {slots_[filling_].data.get(), options_.slot_bytes};
  }

  void commit(std::size_t n) {
    n = std::min(n, options_.slot_bytes);
    fed_ += n;
    if (!thread_.joinable()) {
      digest_.update(std::span<const char>(scratch_.data(), n));
      return;
    }
    slots_[filling_].size = n;
    if (n != 0) hand_over();
  }

  std::string hex() {
    catch_up();
    return digest_.hex();
  }

  void reset() {
    if (thread_.joinable()) {
      slots_[filling_].size = 0;  // not handed over: simply dropped
      catch_up();
    }
    digest_.reset();
    fed_ = 0;
  }

 private:
  struct Slot {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
  };

  // False when no thread can be started (a process or memory limit): hashing then stays on the
  // caller's thread, slower but correct.
  bool start() {
    slots_.resize(options_.slots);
    for (Slot& slot : slots_) slot.data = std::make_unique_for_overwrite<char[]>(options_.slot_bytes);
    // digest_ holds what was hashed inline; the thread's start orders those writes before its reads.
    try {
      if (!options_.thread_can_start)
        throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again), "thread_can_start");
      thread_ = std::thread([this] { run(); });
      return true;
    } catch (const std::system_error& error) {
      core::logger("staging")->warn("cannot start a hashing thread ({}); hashing on the main thread",
                                    error.what());
      no_thread_ = true;
      slots_.clear();
      return false;
    }
  }

  // Queues the slot being filled and moves on to the next, waiting for it to be free.
  void hand_over() {
    std::unique_lock lock(mutex_);
    ++queued_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return queued_ < slots_.size(); });
    filling_ = (filling_ + 1) % slots_.size();
    slots_[filling_].size = 0;
  }

  // Hands over a partly filled slot, then waits until every queued byte is in digest_.
  void catch_up() {
    if (!thread_.joinable()) return;
    if (slots_[filling_].size != 0) hand_over();
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return queued_ == 0; });
    if (failure_) std::rethrow_exception(failure_);
  }

  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      changed_.wait(lock, [this] { return queued_ > 0 || stopping_; });
      if (stopping_) return;
      const Slot& slot = slots_[next_to_hash_];
      lock.unlock();
      try {
        digest_.update(std::span<const char>(slot.data.get(), slot.size));
      } catch (...) {
        lock.lock();
        failure_ = std::current_exception();
        lock.unlock();
      }
      lock.lock();
      next_to_hash_ = (next_to_hash_ + 1) % slots_.size();
      --queued_;
      changed_.notify_all();
    }
  }

  Options options_;
  Sha256 digest_;  // the worker's alone while queued_ > 0; the caller's once it is 0
  std::uint64_t fed_ = 0;
  std::vector<Slot> slots_;
  std::size_t filling_ = 0;
  std::thread thread_;
  bool no_thread_ = false;
  std::vector<char> scratch_;  // fill_buffer() when no thread could be started

  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t queued_ = 0;
  std::size_t next_to_hash_ = 0;
  bool stopping_ = false;
  std::exception_ptr failure_;  // EVP failed on the worker: rethrown to the caller
};

BackgroundSha256::BackgroundSha256() : BackgroundSha256(Options{}) {}
BackgroundSha256::BackgroundSha256(Options options) : worker_(std::make_unique<Worker>(options)) {}
BackgroundSha256::~BackgroundSha256() = default;

void BackgroundSha256::update(std::span<const char> bytes) {
  if (!bytes.empty()) worker_->update(bytes);
}

std::span<char> BackgroundSha256::fill_buffer() { return worker_->fill_buffer(); }

void BackgroundSha256::commit(std::size_t n) { worker_->commit(n); }

std::string BackgroundSha256::hex() const { return worker_->hex(); }

void BackgroundSha256::reset() { worker_->reset(); }

}  // namespace msync::staging

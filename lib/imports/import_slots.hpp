#pragma once
// Places in Marketo's import queue that our batches may hold (10 per subscription, importing ones
// included). A part waits for a place before uploading and gives it back once its batch is final.
// When Marketo answers 1016 although we hold fewer, other tools fill the queue: no new upload
// until one of ours leaves it or the pause runs out.
#include <chrono>
#include <list>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

namespace msync::imports {

class ImportSlots {
 public:
  ImportSlots(boost::asio::any_io_executor executor, unsigned capacity);

  // Waits for a free place and takes it; false when cancelled or stopped.
  boost::asio::awaitable<bool> acquire();
  // Occupies a place without waiting: a batch found queued or importing at start-up.
  void occupy();
  void release();
  // Marketo refused an upload with 1016.
  void queue_full(std::chrono::milliseconds pause);
  void stop();

  unsigned held() const { return held_; }

 private:
  bool free_now() const;
  void notify();

  boost::asio::any_io_executor executor_;
  unsigned capacity_;
  unsigned held_ = 0;
  bool stopped_ = false;
  std::chrono::steady_clock::time_point blocked_until_{};
  std::list<boost::asio::steady_timer*> waiters_;
};

}  // namespace msync::imports

#pragma once
// The running SHA-256 of a stream, computed on a thread of its own. SHA-256 is the costliest
// per-byte work of a download (about 1.2 GB/s with SHA-NI on the project machine, while the
// socket read and the file write together run at about 2 GB/s), and it cannot be split: each
// block depends on the one before. So instead of adding its time to every chunk's, update() copies
// the bytes into one of a few slots and returns, and the hash runs beside the next socket read.
//
// The hand-off is explicit and small: the caller's thread fills slots, the worker hashes them in
// order; hex() and reset() wait for the worker to catch up. Streams shorter than `inline_bytes`
// are hashed on the caller's thread and never start the worker. Not thread-safe itself: one
// caller thread, like Sha256.
#include <cstddef>
#include <memory>
#include <span>
#include <string>

namespace msync::staging {

class BackgroundSha256 {
 public:
  struct Options {
    std::size_t slot_bytes = 512 << 10;
    std::size_t slots = 4;  // slots * slot_bytes: the memory held, and the most the hash lags
    // Below this many bytes in all, hashing stays on the caller's thread: no thread for a small
    // file. 0 always hands off (for tests).
    std::size_t inline_bytes = 4 << 20;
    // False: starting the worker fails as it does when the process is at its thread limit, so
    // that tests can run the fallback (hashing on the caller's thread) that root cannot provoke.
    bool thread_can_start = true;
  };

  BackgroundSha256();
  explicit BackgroundSha256(Options options);
  ~BackgroundSha256();
  BackgroundSha256(const BackgroundSha256&) = delete;
  BackgroundSha256& operator=(const BackgroundSha256&) = delete;

  // Blocks only while every slot is still waiting to be hashed.
  void update(std::span<const char> bytes);

  // For a caller that reads a file: read straight into the hash's memory instead of handing
  // update() a copy. fill_buffer() gives up to slot_bytes to fill; commit(n) feeds its first n
  // bytes. After commit the caller may still read (never write) them, until its next
  // fill_buffer() or update(). Starts the worker whatever inline_bytes says.
  std::span<char> fill_buffer();
  void commit(std::size_t n);
  // The lower-case hex digest of everything fed so far, once the worker has hashed it; the
  // stream may go on being fed.
  std::string hex() const;
  // Starts over, as if nothing had been fed.
  void reset();

 private:
  class Worker;
  std::unique_ptr<Worker> worker_;
};

}  // namespace msync::staging

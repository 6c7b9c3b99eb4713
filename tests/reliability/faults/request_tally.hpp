#pragma once
// What fake-marketo's request log says about a run: calls, the faults it injected, and how the
// daemon answered them (retries, extra jobs, the longest run of failures of one request).
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>

namespace msync::fault_test {

struct RequestTally {
  std::size_t calls = 0;    // every API call (admin endpoints excluded)
  std::size_t faulted = 0;  // calls fake-marketo spoiled on purpose
  std::map<std::string, std::size_t> fired;  // fault name -> calls it spoiled
  // A call is a retry when the previous call of the same method and path (the path holds the
  // exportId) failed: an HTTP error, a Marketo error code, a cut, a truncated or stalled answer.
  std::size_t retries = 0;
  std::size_t longest_failure_streak = 0;  // consecutive failures of one method and path
  std::size_t jobs_created = 0;            // create.json answered with a job the daemon could read
  std::size_t enqueues_refused = 0;        // enqueue.json answered with a Marketo error
};

RequestTally tally_requests(const std::filesystem::path& request_log);

}  // namespace msync::fault_test

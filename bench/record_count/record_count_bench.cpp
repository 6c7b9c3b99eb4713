// record-count-bench FILE [ROUNDS]: counts FILE's records with csv::RecordCounter as a download
// feeds it (512 KiB chunks, from memory, so the disk is out of the figure) and prints the records
// and the best of ROUNDS (default 5) rates in MB/s. The file is read whole first.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "csv/csv.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: record-count-bench FILE [ROUNDS]\n");
    return 64;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string data = in ? std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())
                              : std::string();
  if (data.empty()) {
    std::fprintf(stderr, "%s: cannot read it, or it is empty\n", argv[1]);
    return 66;
  }
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  constexpr std::size_t kChunk = 512 * 1024;
  double best = 0;
  std::uint64_t records = 0;
  for (int round = 0; round < rounds; ++round) {
    const auto start = std::chrono::steady_clock::now();
    msync::csv::RecordCounter counter;
    for (std::size_t at = 0; at < data.size(); at += kChunk) counter.feed(std::string_view(data).substr(at, kChunk));
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    records = counter.data_records();
    best = std::max(best, static_cast<double>(data.size()) / took.count() / 1e6);
  }
  std::printf("%llu records, %zu bytes, best of %d: %.0f MB/s\n", static_cast<unsigned long long>(records),
              data.size(), rounds, best);
  return 0;
}

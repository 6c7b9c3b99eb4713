#pragma once
// What one crash soak does: how many stops, of which kind, how spread out, from which seed, and
// how fast fake-marketo's clock runs. Parsed from the command line by crash_soak_main.cpp.
#include <cstdint>
#include <string>

namespace msync::crash_soak {

enum class StopSignal { kill, term };

struct SoakOptions {
  int kills = 25;
  std::uint64_t seed = 20261123;
  StopSignal signal = StopSignal::kill;
  // Random stop moments are drawn uniformly from [min_gap, max_gap] seconds after a start.
  double min_gap = 0.3;
  double max_gap = 5.0;
  // fake-marketo's Processing time per export job: the longer, the more windows stay in flight
  // across stops (and the longer the backfill lasts). Unset: 0.8 s up to 25 stops, then 0.06 s
  // per stop, so that a long soak still has work left for its last stops.
  std::string process_seconds;
  int import_files = 30;
  int rows_per_file = 20;
};

}  // namespace msync::crash_soak

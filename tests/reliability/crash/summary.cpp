#include "summary.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace msync::crash_soak {

void print_summary(std::ostream& out, const SoakOptions& options, const Tally& tally, const Findings& findings,
                   std::chrono::milliseconds duration) {
  const bool kill = options.signal == StopSignal::kill;
  fmt::print(out, "crash_soak --signal {} --kills {} --seed {} (--process-seconds {}): {:.1f} s\n", kill ? "kill" : "term",
             options.kills, options.seed, options.process_seconds, static_cast<double>(duration.count()) / 1000.0);
  fmt::print(out, "  stops: {} ({} at random moments, {} at crash points); restarts: {}\n", tally.stops,
             tally.at_random_moments, tally.at_crash_points, tally.starts - 1);
  if (!kill) fmt::print(out, "  longest SIGTERM stop: {} ms (each must exit 0 within 10 s)\n", tally.longest_term_stop.count());
  if (tally.exec_retries > 0)
    fmt::print(out, "  starts retried because marketo-syncd could not be executed (a build relinking it): {}\n",
               tally.exec_retries);
  if (tally.finished_early_after >= 0)
    fmt::print(out, "  the work was all done after {} stops, before the last was due\n", tally.finished_early_after);
  fmt::print(out, "  done when the stops ended: {} windows staged, {} of {} files imported; the final run did the rest\n",
             tally.done_when_stops_ended.first, tally.done_when_stops_ended.second, options.import_files);
  fmt::print(out, "  where the stops landed (a stop often finds several things in flight):\n");
  for (const auto& [where, count] : tally.landings) fmt::print(out, "    {:>4}  {}\n", count, where);
  fmt::print(out, "  checked: {} staged rows in {} windows equal to fake-marketo expect; {} members of {} files\n",
             findings.rows_checked, findings.windows_staged, findings.members_checked, options.import_files);
  fmt::print(out, "  uploads in doubt after a stop: {}, of which Marketo received twice: {} (membership exact)\n",
             findings.uploads_in_doubt, findings.uploaded_twice);
  fmt::print(out, "  jobs created at Marketo but never recorded (never enqueued): {}\n", findings.orphaned_creates);
  fmt::print(out, "  unpublished temporary files left under staging/*/.tmp: {}\n", findings.leftover_temp_files);
}

}  // namespace msync::crash_soak

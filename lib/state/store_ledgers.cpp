// Store: the daily export-bytes and API-call ledgers, keyed by the US Central day (Marketo's
// quotas reset at midnight America/Chicago).
#include <fmt/format.h>

#include "core/us_central.hpp"
#include "state/rows.hpp"
#include "state/store.hpp"

namespace msync::state {
namespace {

std::int64_t day_of(core::Timestamp at) { return rows::seconds(core::us_central_day_start(at)); }

std::string describe_day(core::Timestamp at) {
  return core::format_iso8601(core::us_central_day_start(at));
}

}  // namespace

core::Status Store::add_export_bytes(core::Timestamp at, std::int64_t bytes) {
  const auto op = fmt::format("add export bytes to the day starting {}", describe_day(at));
  if (bytes < 0) return refuse(fmt::format("{}: negative size", op));
  auto stmt = db_.prepare(
      "INSERT INTO export_bytes (day, bytes) VALUES (?1, ?2) "
      "ON CONFLICT (day) DO UPDATE SET bytes = bytes + excluded.bytes");
  stmt.bind(1, day_of(at)).bind(2, bytes);
  if (auto st = stmt.run(); !st) return fail(op, st.error());
  return {};
}

core::Result<std::int64_t> Store::export_bytes(core::Timestamp at) {
  auto stmt = db_.prepare("SELECT coalesce((SELECT bytes FROM export_bytes WHERE day = ?1), 0)");
  stmt.bind(1, day_of(at));
  auto row = stmt.step();
  if (!row) return fail(fmt::format("read export bytes of {}", describe_day(at)), row.error());
  return stmt.int64(0);
}

core::Status Store::add_call(core::Timestamp at, std::string_view endpoint, int code) {
  auto stmt = db_.prepare(
      "INSERT INTO api_calls (day, endpoint, code, count) VALUES (?1, ?2, ?3, 1) "
      "ON CONFLICT (day, endpoint, code) DO UPDATE SET count = count + 1");
  stmt.bind(1, day_of(at)).bind(2, endpoint).bind(3, code);
  if (auto st = stmt.run(); !st) return fail("count an API call", st.error());
  return {};
}

core::Result<std::vector<CallCount>> Store::calls(core::Timestamp at) {
  auto stmt = db_.prepare(
      "SELECT endpoint, code, count FROM api_calls WHERE day = ?1 ORDER BY endpoint, code");
  stmt.bind(1, day_of(at));
  std::vector<CallCount> counts;
  for (;;) {
    auto row = stmt.step();
    if (!row) return fail(fmt::format("read API calls of {}", describe_day(at)), row.error());
    if (!*row) return counts;
    counts.push_back(CallCount{stmt.text(0), static_cast<int>(stmt.int64(1)), stmt.int64(2)});
  }
}

core::Result<std::int64_t> Store::call_total(core::Timestamp at) {
  auto stmt = db_.prepare("SELECT coalesce(sum(count), 0) FROM api_calls WHERE day = ?1");
  stmt.bind(1, day_of(at));
  auto row = stmt.step();
  if (!row) return fail(fmt::format("read API calls of {}", describe_day(at)), row.error());
  return stmt.int64(0);
}

}  // namespace msync::state

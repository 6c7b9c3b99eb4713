#include "core/us_central.hpp"

namespace msync::core {
namespace {

using namespace std::chrono;

// The n-th Sunday (1-based) of a month, as a date.
sys_days nth_sunday(year y, month m, unsigned n) {
  return sys_days{year_month_weekday{y, m, weekday_indexed{Sunday, n}}};
}

}  // namespace

Seconds us_central_offset(Timestamp t) {
  // Daylight time runs from 02:00 CST on the second Sunday of March (08:00 UTC) to 02:00 CDT on the
  // first Sunday of November (07:00 UTC).
  const year y = year_month_day{floor<days>(t)}.year();
  const Timestamp dst_start = nth_sunday(y, March, 2) + hours{8};
  const Timestamp dst_end = nth_sunday(y, November, 1) + hours{7};
  return (t >= dst_start && t < dst_end) ? Seconds{-5 * 3600} : Seconds{-6 * 3600};
}

Timestamp us_central_day_start(Timestamp t) {
  const Timestamp local = t + us_central_offset(t);
  const Timestamp local_midnight = floor<days>(local);
  // The offset at midnight may differ from the offset at t on the two transition days.
  Timestamp utc = local_midnight - us_central_offset(t);
  utc = local_midnight - us_central_offset(utc);
  return utc;
}

Timestamp next_us_central_midnight(Timestamp t) {
  const Timestamp start = us_central_day_start(t);
  // A local day is 23, 24 or 25 hours long; 26 h after the day's start always lands in the next day.
  return us_central_day_start(start + hours{26});
}

}  // namespace msync::core

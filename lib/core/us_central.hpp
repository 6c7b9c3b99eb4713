#pragma once
// Marketo resets its daily export quota at midnight US Central time (America/Chicago). libstdc++ 12
// has no time-zone database, and the US rule has been fixed since 2007, so it is computed here.
#include "core/time.hpp"

namespace msync::core {

// The UTC offset of America/Chicago at instant t: -5 h during daylight time, -6 h otherwise.
Seconds us_central_offset(Timestamp t);

// The first US Central midnight strictly after t, as a UTC instant.
Timestamp next_us_central_midnight(Timestamp t);

// The US Central midnight that began the day containing t (the start of "today" for the quota).
Timestamp us_central_day_start(Timestamp t);

}  // namespace msync::core

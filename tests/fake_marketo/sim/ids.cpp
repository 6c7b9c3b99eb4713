#include "fake_marketo/sim/ids.hpp"

#include <fmt/format.h>

#include "fake_marketo/sim/lead_database.hpp"

namespace fake {

std::string make_uuid(std::uint64_t key, std::uint64_t n) {
  // The high half is a bijection of n (mix is one), so distinct n give distinct ids.
  const std::uint64_t hi = mix(key ^ n);
  const std::uint64_t lo = mix(hi + key);
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffff,
                     hi & 0xfff, 0x8000 | ((hi >> 12 & 0xf) << 10) | (lo >> 48 & 0x3ff),
                     lo & 0xffffffffffffULL);
}

std::string make_request_id(std::uint64_t counter, SimTime now) {
  return fmt::format("{:x}#{:x}", 0x1000 + counter,
                     static_cast<std::uint64_t>(now.time_since_epoch().count()));
}

std::string iso8601(SimTime t) {
  std::string out;
  append_iso8601(std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count(), out);
  return out;
}

}  // namespace fake

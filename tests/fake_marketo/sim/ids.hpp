#pragma once
// Identifiers shaped like Marketo's: requestIds ("e42b#14272d07d78"), UUID exportIds, tokens.
#include <cstdint>
#include <string>

#include "fake_marketo/sim/seeded.hpp"
#include "fake_marketo/sim/simulator.hpp"

namespace fake {

// A version-4-shaped UUID drawn from (key, n): deterministic, distinct for distinct n.
std::string make_uuid(std::uint64_t key, std::uint64_t n);

// "<counter hex>#<milliseconds hex>", as Marketo's requestIds look.
std::string make_request_id(std::uint64_t counter, SimTime now);

// Unix seconds or SimTime as "2024-01-01T00:00:00Z".
std::string iso8601(SimTime t);

}  // namespace fake

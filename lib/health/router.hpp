#pragma once
#include <string_view>

#include "health/endpoints.hpp"
#include "health/metrics_registry.hpp"
#include "health/reply.hpp"

namespace msync::health::detail {

// The answer to `method target` (HEAD is answered as GET; the caller drops the body).
Reply route(std::string_view method, std::string_view target, const Endpoints& endpoints,
            const MetricsRegistry& metrics);

// A JSON string literal, quotes included.
std::string json_string(std::string_view text);

}  // namespace msync::health::detail

#include <gtest/gtest.h>

#include "health/router.hpp"

namespace msync::health::detail {
namespace {

TEST(Router, IgnoresTheQueryString) {
  MetricsRegistry metrics;
  EXPECT_EQ(route("GET", "/livez?verbose=1", {}, metrics).status, 200u);
  EXPECT_EQ(route("GET", "/livez/extra", {}, metrics).status, 404u);
}

TEST(Router, UnknownPathIs404WhateverTheMethod) {
  MetricsRegistry metrics;
  EXPECT_EQ(route("DELETE", "/nope", {}, metrics).status, 404u);
}

TEST(Router, ReadinessReasonIsEscapedJson) {
  MetricsRegistry metrics;
  Endpoints endpoints;
  endpoints.readiness = [] { return Readiness{false, "token \"x\"\nexpired"}; };
  const Reply reply = route("GET", "/readyz", endpoints, metrics);
  EXPECT_EQ(reply.status, 503u);
  EXPECT_EQ(reply.body, "{\"ready\":false,\"reason\":\"token \\\"x\\\"\\nexpired\"}");
  EXPECT_EQ(reply.content_type, "application/json");
}

TEST(Router, StatusWithoutCallbackIs503) {
  MetricsRegistry metrics;
  EXPECT_EQ(route("GET", "/status", {}, metrics).status, 503u);
}

TEST(Router, StatusThatCannotBeReadIs503WithTheReason) {
  MetricsRegistry metrics;
  Endpoints endpoints;
  endpoints.status_json = [] { return core::Result<std::string>(core::make_error("database is \"locked\"")); };
  const Reply reply = route("GET", "/status", endpoints, metrics);
  EXPECT_EQ(reply.status, 503u);
  EXPECT_EQ(reply.body, "{\"error\":\"database is \\\"locked\\\"\"}");
  EXPECT_EQ(reply.path, "/status");
}

TEST(Router, JsonStringEscapesControlCharacters) {
  EXPECT_EQ(json_string(std::string("a\x01" "b\\", 4)), "\"a\\u0001b\\\\\"");
}

}  // namespace
}  // namespace msync::health::detail

// What each Marketo call tells the daemon: its ledger code, whether it is retried, whether
// Marketo is reachable with a token (readiness), and the call counters.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/call_metrics.hpp"
#include "daemon/call_outcome.hpp"
#include "daemon/marketo_reachability.hpp"

namespace msync::daemon {
namespace {

using ::testing::HasSubstr;

const CallOutcome token_ok{"identity.token", 200, ""};
const CallOutcome status_ok{"export.status", 200, ""};

TEST(CallOutcome, LedgerCodeIsMarketosCodeElseTheHttpStatus) {
  EXPECT_EQ(status_ok.ledger_code(), 0);
  EXPECT_EQ((CallOutcome{"export.file", 206, ""}.ledger_code()), 0);
  EXPECT_EQ((CallOutcome{"export.create", 200, "1029"}.ledger_code()), 1029);
  EXPECT_EQ((CallOutcome{"export.file", 404, ""}.ledger_code()), 404);
  EXPECT_EQ((CallOutcome{"export.status", 0, ""}.ledger_code()), 0);
}

TEST(CallOutcome, TransientFailuresAreTheOnesRetried) {
  EXPECT_TRUE((CallOutcome{"export.status", 0, ""}.transient()));
  EXPECT_TRUE((CallOutcome{"export.status", 503, ""}.transient()));
  EXPECT_TRUE((CallOutcome{"export.status", 200, "606"}.transient()));
  EXPECT_TRUE((CallOutcome{"export.status", 200, "615"}.transient()));
  EXPECT_FALSE(status_ok.transient());
  EXPECT_FALSE((CallOutcome{"export.create", 200, "1035"}.transient()));
  EXPECT_FALSE((CallOutcome{"export.create", 200, "1029"}.transient()));
}

TEST(MarketoReachability, NotReadyBeforeTheFirstSuccessfulCall) {
  MarketoReachability reach;
  EXPECT_FALSE(reach.readiness().ready);
  EXPECT_EQ(reach.readiness().reason, "no successful Marketo call yet");
  reach.observe({"identity.token", 0, ""});
  EXPECT_FALSE(reach.readiness().ready);
  EXPECT_EQ(reach.readiness().reason, "no successful Marketo call yet (last: Marketo did not answer (identity.token))");
  reach.observe(token_ok);
  EXPECT_TRUE(reach.readiness().ready);
}

TEST(MarketoReachability, AnAnsweredErrorCodeStillMeansReachable) {
  MarketoReachability reach;
  reach.observe(token_ok);
  reach.observe({"export.enqueue", 200, "1029"});
  EXPECT_TRUE(reach.readiness().ready);
}

TEST(MarketoReachability, UnreachableUntilACallGetsThroughAgain) {
  MarketoReachability reach;
  reach.observe(token_ok);
  reach.observe({"export.status", 502, ""});
  EXPECT_FALSE(reach.readiness().ready);
  EXPECT_EQ(reach.readiness().reason, "Marketo answered HTTP 502 (export.status)");
  reach.observe(status_ok);
  EXPECT_TRUE(reach.readiness().ready);
}

TEST(MarketoReachability, ARefusedTokenIsNotReadyUntilANewOneIsIssued) {
  MarketoReachability reach;
  reach.observe(token_ok);
  reach.observe({"export.status", 200, "602"});
  EXPECT_FALSE(reach.readiness().ready);
  EXPECT_THAT(reach.readiness().reason, HasSubstr("no valid Marketo access token"));
  reach.observe(token_ok);
  EXPECT_TRUE(reach.readiness().ready);
  reach.observe({"identity.token", 401, ""});
  EXPECT_FALSE(reach.readiness().ready);
  EXPECT_THAT(reach.readiness().reason, HasSubstr("HTTP 401 (check client_id and client_secret)"));
}

TEST(MarketoReachability, ResetForgetsEverything) {
  MarketoReachability reach;
  reach.observe(token_ok);
  reach.reset();
  EXPECT_EQ(reach.readiness().reason, "no successful Marketo call yet");
}

TEST(CallMetrics, CountsCallsByEndpointAndCodeAndRetriesByEndpoint) {
  health::MetricsRegistry registry;
  CallMetrics metrics(registry);
  metrics.observe(token_ok);
  metrics.observe(status_ok);
  metrics.observe(status_ok);
  metrics.observe({"export.status", 200, "606"});
  metrics.observe({"export.file", 0, ""});
  metrics.observe({"export.create", 200, "1035"});
  const std::string text = registry.render();
  EXPECT_THAT(text, HasSubstr("# TYPE marketo_sync_api_calls_total counter\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_api_calls_total{endpoint=\"export.status\",code=\"0\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_api_calls_total{endpoint=\"export.status\",code=\"606\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_api_calls_total{endpoint=\"identity.token\",code=\"0\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_api_calls_total{endpoint=\"export.create\",code=\"1035\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE marketo_sync_api_retries_total counter\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_api_retries_total{endpoint=\"export.status\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_api_retries_total{endpoint=\"export.file\"} 1\n"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("api_retries_total{endpoint=\"export.create\"}")));
}

}  // namespace
}  // namespace msync::daemon

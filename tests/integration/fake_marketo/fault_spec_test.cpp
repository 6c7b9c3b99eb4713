// The --faults language, the fault draws and the request log's redaction, without a process.
#include <gtest/gtest.h>

#include "server/fault_injector.hpp"
#include "server/fault_spec.hpp"
#include "server/request_log.hpp"

namespace fake {
namespace {

TEST(FaultSpec, ParsesTheIssueExample) {
  const auto spec =
      parse_fault_spec("606:0.1,615:0.05,5xx:0.1,expire:0.02,stall:0.01:30s,cut:0.1:65536,malformed:0.05");
  ASSERT_TRUE(spec.ok()) << spec.error().message;
  ASSERT_EQ(spec->rules.size(), 7u);
  EXPECT_EQ(spec->rules[0].kind, FaultKind::rate_limit);
  EXPECT_DOUBLE_EQ(spec->rules[0].rate, 0.1);
  EXPECT_EQ(spec->rules[4].kind, FaultKind::stall);
  EXPECT_EQ(spec->rules[4].stall, std::chrono::seconds(30));
  EXPECT_EQ(spec->rules[5].cut_bytes, 65536u);
  EXPECT_EQ(spec->rules[6].kind, FaultKind::malformed);
}

TEST(FaultSpec, AcceptsUnitsAndEmptiness) {
  EXPECT_TRUE(parse_fault_spec("")->rules.empty());
  EXPECT_TRUE(parse_fault_spec("\n")->rules.empty());
  EXPECT_EQ(parse_fault_spec("stall:1:250ms")->rules[0].stall, std::chrono::milliseconds(250));
  EXPECT_EQ(parse_fault_spec("stall:1:1.5")->rules[0].stall, std::chrono::milliseconds(1500));
  EXPECT_EQ(parse_fault_spec("cut:1:64KiB")->rules[0].cut_bytes, 65536u);
}

TEST(FaultSpec, RejectsWithTheRuleNamed) {
  for (const char* bad : {"607:0.1", "606", "606:1.5", "606:-0.1", "606:x", "stall:0.1", "cut:0.1:lots",
                          "606:0.1:9", "606:0.1,,615:0.1", "stall:0.1:-3s"}) {
    const auto spec = parse_fault_spec(bad);
    ASSERT_FALSE(spec.ok()) << bad;
    EXPECT_NE(spec.error().message.find("fault rule"), std::string::npos) << spec.error().message;
  }
}

TEST(FaultInjector, SameSeedSameFaults) {
  FaultInjector a(42), b(42);
  a.set_spec(*parse_fault_spec("606:0.5,stall:0.3:1s"));
  b.set_spec(*parse_fault_spec("606:0.5,stall:0.3:1s"));
  int fired = 0;
  for (int i = 0; i < 200; ++i) {
    const auto x = a.draw();
    const auto y = b.draw();
    EXPECT_EQ(x.names, y.names);
    fired += x.replace ? 1 : 0;
  }
  EXPECT_GT(fired, 50);  // rate 0.5 over 200 draws: both outcomes occur
  EXPECT_LT(fired, 150);
}

TEST(FaultInjector, RateOneAlwaysAndZeroNever) {
  FaultInjector injector(1);
  injector.set_spec(*parse_fault_spec("615:1,606:1,expire:0,cut:1:10,malformed:1"));
  for (int i = 0; i < 50; ++i) {
    const auto d = injector.draw();
    ASSERT_TRUE(d.replace);
    EXPECT_EQ(*d.replace, FaultKind::concurrency);  // the first rule that fires answers
    EXPECT_FALSE(d.expire_tokens);
    EXPECT_EQ(d.cut_after, 10u);
    EXPECT_TRUE(d.malformed);
  }
}

TEST(FaultInjector, JobFaultsAreDrawnOnlyForTheirEndpoint) {
  FaultInjector injector(1);
  injector.set_spec(*parse_fault_spec("1029:1,failed:1,404:1"));
  EXPECT_FALSE(injector.draw("/identity/oauth/token").any());
  EXPECT_FALSE(injector.draw("/bulk/v1/leads/export/x/status.json").any());
  const auto enqueue = injector.draw("/bulk/v1/leads/export/x/enqueue.json");
  ASSERT_TRUE(enqueue.replace);
  EXPECT_EQ(*enqueue.replace, FaultKind::quota);
  EXPECT_TRUE(enqueue.fail_job);
  EXPECT_FALSE(enqueue.file_gone);
  const auto file = injector.draw("/bulk/v1/leads/export/x/file.json");
  EXPECT_TRUE(file.file_gone);
  EXPECT_FALSE(file.replace);
  EXPECT_EQ(file.names, "404");
}

TEST(RequestLog, RedactsSecretsButKeepsTheShape) {
  EXPECT_EQ(RequestLog::redact("/identity/oauth/token?grant_type=client_credentials&client_id=a&client_secret=s3"),
            "/identity/oauth/token?grant_type=client_credentials&client_id=a&client_secret=REDACTED");
  EXPECT_EQ(RequestLog::redact("/bulk/v1/x.json?access_token=tok&status=Queued"),
            "/bulk/v1/x.json?access_token=REDACTED&status=Queued");
  EXPECT_EQ(RequestLog::redact("/bulk/v1/x.json"), "/bulk/v1/x.json");
}

}  // namespace
}  // namespace fake

#include <gtest/gtest.h>

#include "marketo/marketo.hpp"

namespace msync::marketo {
namespace {

struct Case {
  const char* code;
  const char* message;
  Action action;
};

class ErrorTableTest : public ::testing::TestWithParam<Case> {};

TEST_P(ErrorTableTest, MapsCodeAndMessageToAction) {
  const Case c = GetParam();
  EXPECT_EQ(rule_for(c.code, c.message).action, c.action)
      << c.code << " " << c.message << " -> " << to_string(rule_for(c.code, c.message).action);
}

INSTANTIATE_TEST_SUITE_P(
    DesignContract, ErrorTableTest,
    ::testing::Values(
        Case{"601", "Access token invalid", Action::reauthenticate},
        Case{"602", "Access token expired", Action::reauthenticate},
        Case{"603", "Access denied", Action::fail_config},
        Case{"604", "Request timed out", Action::backoff},
        Case{"606", "Max rate limit '100' exceeded with in '20' secs", Action::backoff},
        Case{"607", "Daily quota reached", Action::wait_for_quota_reset},
        Case{"608", "API Temporarily Unavailable", Action::backoff},
        Case{"609", "Invalid JSON", Action::fail_job},
        Case{"611", "System error", Action::backoff},
        Case{"615", "Concurrent access limit reached", Action::backoff},
        Case{"713", "Transient Error", Action::backoff},
        Case{"1003", "Invalid filter", Action::fail_job},
        Case{"1029", "Too many jobs (10) in queue", Action::wait_for_slot},
        Case{"1029", "Job already queued", Action::wait_for_slot},
        Case{"1029", "Export daily quota exceeded", Action::wait_for_quota_reset},
        Case{"1029", "export DAILY QUOTA exceeded", Action::wait_for_quota_reset},
        Case{"1029", "something new", Action::wait_for_slot},
        Case{"1035", "Unsupported filter type for target subscription: updatedAt", Action::fail_job},
        Case{"1004", "Lead not found", Action::fail_job},
        Case{"1006", "Field 'emial' not found", Action::fail_job},
        Case{"1013", "Program 99 not found", Action::fail_job},
        Case{"1016", "Too many imports", Action::wait_for_slot},
        Case{"1025", "Program status not found", Action::fail_job},
        Case{"9999", "never heard of it", Action::fail_job},
        Case{"", "", Action::fail_job}),
    [](const ::testing::TestParamInfo<Case>& info) {
      return "code_" + std::string(info.param.code) + "_" + std::to_string(info.index);
    });

TEST(ErrorTable, UnknownCodeSaysSo) {
  EXPECT_EQ(rule_for("4242", "x").meaning, "unknown Marketo error code");
}

TEST(ErrorTable, HttpStatusesOutsideTheEnvelope) {
  EXPECT_EQ(action_for_http_status(500), Action::backoff);
  EXPECT_EQ(action_for_http_status(502), Action::backoff);
  EXPECT_EQ(action_for_http_status(503), Action::backoff);
  EXPECT_EQ(action_for_http_status(429), Action::backoff);
  EXPECT_EQ(action_for_http_status(400), Action::fail_job);
  EXPECT_EQ(action_for_http_status(403), Action::fail_job);
}

}  // namespace
}  // namespace msync::marketo

namespace msync::marketo {
namespace {

TEST(FailureToError, KindFollowsTheAction) {
  EXPECT_EQ(to_error(Failure{Action::wait_for_slot, Reason::marketo_error, "1029", "m", 200}).kind,
            core::ErrorKind::transient);
  EXPECT_EQ(to_error(Failure{Action::fail_config, Reason::credentials_rejected, "", "m", 401}).kind,
            core::ErrorKind::permanent);
  EXPECT_EQ(to_error(Failure{Action::backoff, Reason::cancelled, "", "m", 0}).kind,
            core::ErrorKind::cancelled);
  EXPECT_EQ(to_error(Failure{Action::fail_job, Reason::marketo_error, "1035", "export.create: x", 200}).message,
            "export.create: x");
}

}  // namespace
}  // namespace msync::marketo

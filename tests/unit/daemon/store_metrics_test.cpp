// Metrics read from the state database at scrape time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/store_metrics.hpp"
#include "support/temp_dir.hpp"

namespace msync::daemon {
namespace {

using ::testing::HasSubstr;

core::Timestamp at(const char* iso) { return *core::parse_iso8601(iso); }

TEST(StoreMetrics, RenderWhatTheStateHoldsAtScrapeTime) {
  test_support::TempDir dir;
  core::ManualClock clock(at("2025-03-02T12:00:00Z"));
  auto store = state::Store::open(dir / "state.db", clock);
  ASSERT_TRUE(store.ok()) << store.error().message;
  ASSERT_TRUE(store->ensure_sync("leads_created", state::SyncKind::incremental, at("2025-03-01T00:00:00Z")).ok());
  const std::vector<state::WindowSpec> specs = {
      {state::WindowKind::incremental, at("2025-03-01T00:00:00Z"), at("2025-03-02T00:00:00Z")},
      {state::WindowKind::incremental, at("2025-03-02T00:00:00Z"), at("2025-03-02T06:00:00Z")}};
  auto windows = store->add_windows("leads_created", specs);
  ASSERT_TRUE(windows.ok());
  auto job = store->record_intent(windows->front());
  ASSERT_TRUE(job.ok());
  ASSERT_TRUE(store->set_created(*job, "e-1", clock.now()).ok());
  ASSERT_TRUE(store->add_export_bytes(clock.now(), 1234).ok());
  ASSERT_TRUE(store->add_call(clock.now(), "export.create", 0).ok());
  ASSERT_TRUE(store->add_call(clock.now(), "export.status", 606).ok());

  health::MetricsRegistry registry;
  install_store_metrics(registry, *store, clock);
  std::string text = registry.render();
  EXPECT_THAT(text, HasSubstr("# TYPE marketo_sync_jobs gauge\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_jobs{state=\"created\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_jobs{state=\"staged\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_windows{sync=\"leads_created\",state=\"in_flight\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_windows{sync=\"leads_created\",state=\"pending\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_watermark_lag_seconds{sync=\"leads_created\"} 129600\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_sync_error{sync=\"leads_created\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_export_quota_bytes_used 1234\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_api_calls_today 2\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_imports_in_flight 0\n"));

  // Read again at the next scrape, not remembered.
  clock.advance(core::Seconds{3600});
  ASSERT_TRUE(store->set_sync_error("leads_created", "1035: updatedAt is disabled").ok());
  text = registry.render();
  EXPECT_THAT(text, HasSubstr("marketo_sync_watermark_lag_seconds{sync=\"leads_created\"} 133200\n"));
  EXPECT_THAT(text, HasSubstr("marketo_sync_sync_error{sync=\"leads_created\"} 1\n"));
}

}  // namespace
}  // namespace msync::daemon

#include <cmath>
#include <limits>
#include <stdexcept>

#include <gtest/gtest.h>

#include "health/health.hpp"

namespace msync::health {
namespace {

TEST(MetricsRegistry, RendersPrometheusTextExactly) {
  MetricsRegistry registry;
  registry.counter("api_calls", "Marketo API calls by endpoint and code.",
                   {{"endpoint", "export/create"}, {"code", "606"}}).inc();
  registry.counter("api_calls", "Marketo API calls by endpoint and code.",
                   {{"endpoint", "export/create"}, {"code", "200"}}).inc(3);
  registry.counter("retries_total", "Retried calls.").inc(2);
  registry.gauge("quota_bytes_used", "Export bytes used today.").set(1048576);
  registry.gauge("watermark_lag_seconds", "Lag with \\ and\nnewline.",
                 {{"sync", "a\"b\\c\nd"}}).set(1.5);
  registry.gauge_callback("jobs", "Export jobs by state.", [] {
    return std::vector<Sample>{{{{"state", "queued"}}, 2}, {{{"state", "completed"}}, 5}};
  });

  EXPECT_EQ(registry.render(),
            "# HELP marketo_sync_api_calls_total Marketo API calls by endpoint and code.\n"
            "# TYPE marketo_sync_api_calls_total counter\n"
            "marketo_sync_api_calls_total{endpoint=\"export/create\",code=\"200\"} 3\n"
            "marketo_sync_api_calls_total{endpoint=\"export/create\",code=\"606\"} 1\n"
            "# HELP marketo_sync_jobs Export jobs by state.\n"
            "# TYPE marketo_sync_jobs gauge\n"
            "marketo_sync_jobs{state=\"completed\"} 5\n"
            "marketo_sync_jobs{state=\"queued\"} 2\n"
            "# HELP marketo_sync_quota_bytes_used Export bytes used today.\n"
            "# TYPE marketo_sync_quota_bytes_used gauge\n"
            "marketo_sync_quota_bytes_used 1048576\n"
            "# HELP marketo_sync_retries_total Retried calls.\n"
            "# TYPE marketo_sync_retries_total counter\n"
            "marketo_sync_retries_total 2\n"
            "# HELP marketo_sync_watermark_lag_seconds Lag with \\\\ and\\nnewline.\n"
            "# TYPE marketo_sync_watermark_lag_seconds gauge\n"
            "marketo_sync_watermark_lag_seconds{sync=\"a\\\"b\\\\c\\nd\"} 1.5\n");
}

TEST(MetricsRegistry, SameNameAndLabelsIsTheSameSeries) {
  MetricsRegistry registry;
  Counter& first = registry.counter("rows_failed", "Rows.", {{"sync", "a"}});
  first.inc(4);
  EXPECT_EQ(&registry.counter("rows_failed", "Rows.", {{"sync", "a"}}), &first);
  EXPECT_NE(&registry.counter("rows_failed", "Rows.", {{"sync", "b"}}), &first);
  EXPECT_EQ(registry.counter("rows_failed_total", "Rows.", {{"sync", "a"}}).value(), 4u);
  Gauge& gauge = registry.gauge("lag", "Lag.");
  gauge.set(10);
  gauge.add(-2.5);
  EXPECT_EQ(registry.gauge("lag", "Lag.").value(), 7.5);
}

TEST(MetricsRegistry, RejectsConflictsAndInvalidNames) {
  MetricsRegistry registry;
  registry.gauge("bytes", "Bytes.");
  EXPECT_THROW(registry.gauge("bytes", "Other help."), std::invalid_argument);
  EXPECT_THROW(registry.gauge_callback("bytes", "Bytes.", {}), std::invalid_argument);
  registry.counter("calls", "Calls.");
  EXPECT_THROW(registry.gauge("calls_total", "Calls."), std::invalid_argument);
  EXPECT_THROW(registry.counter("bad-name", "x"), std::invalid_argument);
  EXPECT_THROW(registry.counter("ok", "x", {{"1bad", "v"}}), std::invalid_argument);
  EXPECT_THROW(registry.counter("ok", "x", {{"__reserved", "v"}}), std::invalid_argument);
}

TEST(MetricsRegistry, FormatsSpecialValues) {
  MetricsRegistry registry;
  registry.gauge("a", "A.").set(std::numeric_limits<double>::quiet_NaN());
  registry.gauge("b", "B.").set(std::numeric_limits<double>::infinity());
  registry.gauge("c", "C.").set(-std::numeric_limits<double>::infinity());
  registry.gauge("d", "D.").set(0.25);
  const std::string text = registry.render();
  EXPECT_NE(text.find("marketo_sync_a NaN\n"), std::string::npos);
  EXPECT_NE(text.find("marketo_sync_b +Inf\n"), std::string::npos);
  EXPECT_NE(text.find("marketo_sync_c -Inf\n"), std::string::npos);
  EXPECT_NE(text.find("marketo_sync_d 0.25\n"), std::string::npos);
}

TEST(MetricsRegistry, CallbackIsReadAtEachRenderAndReplaceable) {
  MetricsRegistry registry;
  double value = 1;
  registry.gauge_callback("open", "Open.", [&] { return std::vector<Sample>{{{}, value}}; });
  EXPECT_NE(registry.render().find("marketo_sync_open 1\n"), std::string::npos);
  value = 2;
  EXPECT_NE(registry.render().find("marketo_sync_open 2\n"), std::string::npos);
  registry.gauge_callback("open", "Open.", [] { return std::vector<Sample>{{{}, 9}}; });
  EXPECT_NE(registry.render().find("marketo_sync_open 9\n"), std::string::npos);
}

TEST(MetricsRegistry, EmptyRegistryRendersNothing) {
  EXPECT_EQ(MetricsRegistry().render(), "");
}

TEST(MetricsRegistry, ACounterCallbackRendersAsACounterWithTotal) {
  MetricsRegistry registry;
  registry.counter_callback("staged_bytes", "Bytes staged by sync.", [] {
    return std::vector<Sample>{{{{"sync", "leads"}}, 200}};
  });
  EXPECT_EQ(registry.render(),
            "# HELP marketo_sync_staged_bytes_total Bytes staged by sync.\n"
            "# TYPE marketo_sync_staged_bytes_total counter\n"
            "marketo_sync_staged_bytes_total{sync=\"leads\"} 200\n");
}

}  // namespace
}  // namespace msync::health

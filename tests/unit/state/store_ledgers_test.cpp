#include "store_fixture.hpp"

namespace msync::state::test {
namespace {

using StateLedgers = StoreTest;

// In January Chicago is UTC-6: its day of the 15th runs from 06:00Z on the 15th to 06:00Z on the 16th.
TEST_F(StateLedgers, ExportBytesAddUpPerUsCentralDay) {
  ASSERT_TRUE(store().add_export_bytes(at("2024-01-15T05:59:59Z"), 100));  // still the 14th there
  ASSERT_TRUE(store().add_export_bytes(at("2024-01-15T06:00:00Z"), 200));
  ASSERT_TRUE(store().add_export_bytes(at("2024-01-16T05:00:00Z"), 300));
  EXPECT_FALSE(store().add_export_bytes(at("2024-01-16T05:00:00Z"), -1));
  EXPECT_EQ(*store().export_bytes(at("2024-01-14T12:00:00Z")), 100);
  EXPECT_EQ(*store().export_bytes(at("2024-01-15T12:00:00Z")), 500);
  EXPECT_EQ(*store().export_bytes(at("2024-01-17T12:00:00Z")), 0);
  reopen();
  EXPECT_EQ(*store().export_bytes(at("2024-01-15T06:00:00Z")), 500);
}

TEST_F(StateLedgers, CallsAreCountedPerDayEndpointAndCode) {
  const auto day = at("2024-01-15T12:00:00Z");
  ASSERT_TRUE(store().add_call(day, "bulk/leads/export/create", 0));
  ASSERT_TRUE(store().add_call(day, "bulk/leads/export/create", 0));
  ASSERT_TRUE(store().add_call(day, "bulk/leads/export/create", 1029));
  ASSERT_TRUE(store().add_call(day, "bulk/leads/export/status", 0));
  ASSERT_TRUE(store().add_call(at("2024-01-16T12:00:00Z"), "bulk/leads/export/status", 606));

  auto calls = store().calls(day);
  ASSERT_TRUE(calls);
  ASSERT_EQ(calls->size(), 3u);
  EXPECT_EQ((*calls)[0].endpoint, "bulk/leads/export/create");
  EXPECT_EQ((*calls)[0].code, 0);
  EXPECT_EQ((*calls)[0].count, 2);
  EXPECT_EQ((*calls)[1].code, 1029);
  EXPECT_EQ((*calls)[1].count, 1);
  EXPECT_EQ((*calls)[2].endpoint, "bulk/leads/export/status");
  EXPECT_EQ(*store().call_total(day), 4);
  EXPECT_EQ(*store().call_total(at("2024-01-16T12:00:00Z")), 1);
  EXPECT_EQ(*store().call_total(at("2024-01-20T12:00:00Z")), 0);
}

}  // namespace
}  // namespace msync::state::test

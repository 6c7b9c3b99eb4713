#include <gtest/gtest.h>

#include "unit/marketo/api_fixture.hpp"
#include "unit/marketo/seed_bodies.hpp"

namespace msync::marketo::testing {
namespace {

using namespace std::chrono_literals;

class LimiterTest : public ApiFixture {
 protected:
  void SetUp() override { make(settings(), /*auto_advance=*/false); }
};

TEST_F(LimiterTest, The101stCallWaitsForTheWindowInsteadOfBeingSent) {
  std::vector<std::shared_ptr<std::optional<Outcome<ExportJob>>>> results;
  for (int i = 0; i < 101; ++i) {
    server_.rest.push_back(answer(kSeedStatusAnswer));
    results.push_back(spawn(api_->export_status(ExportEntity{}, kSeedExportId)));
  }
  poll();
  EXPECT_EQ(server_.rest_requests().size(), 100u);
  EXPECT_FALSE(results.back()->has_value());
  EXPECT_EQ(timing_->pending(), 1u);
  EXPECT_EQ(timing_->waits.back(), 20s);

  timing_->advance(19s);
  poll();
  EXPECT_EQ(server_.rest_requests().size(), 100u) << "sent before the window had room";

  timing_->advance(1s);
  poll();
  EXPECT_EQ(server_.rest_requests().size(), 101u);
  for (const auto& r : results) ASSERT_TRUE(r->has_value() && (*r)->ok());
  EXPECT_EQ(server_.identity_requests().size(), 1u) << "the token fetch is shared and not budgeted";
}

TEST_F(LimiterTest, AtMostMaxConcurrentCallsInFlight) {
  server_.hold();
  std::vector<std::shared_ptr<std::optional<Outcome<ExportJob>>>> results;
  for (int i = 0; i < 12; ++i) {
    server_.rest.push_back(answer(kSeedStatusAnswer));
    results.push_back(spawn(api_->export_status(ExportEntity{}, kSeedExportId)));
  }
  poll();
  // The identity request is held too: release it, then the REST calls pile up.
  server_.release_all();
  server_.hold();
  poll();
  EXPECT_EQ(server_.rest_requests().size(), 10u);
  server_.release_all();
  poll();
  EXPECT_EQ(server_.rest_requests().size(), 12u);
  for (const auto& r : results) ASSERT_TRUE(r->has_value() && (*r)->ok());
  EXPECT_LE(server_.clients_made, 11u) << "10 REST clients and one identity client at most";
}

// The production timing: a real steady_timer holds the third call back for the (short) window.
TEST(SteadyLimiter, RealTimerDelaysTheCallOverBudget) {
  boost::asio::io_context io;
  FakeServer server;
  Settings s;
  s.base_url = kBase;
  s.client_id = "id";
  s.client_secret = "secret";
  s.calls_per_20s = 2;
  s.call_window = 60ms;
  auto api = make_api(s, Dependencies{fake_factory(server), nullptr, {}});
  ASSERT_TRUE(api.ok());
  for (int i = 0; i < 3; ++i) server.rest.push_back(answer(kSeedStatusAnswer));
  std::optional<Outcome<ExportJob>> last;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        const ExportEntity leads;
        for (int i = 0; i < 3; ++i) last.emplace(co_await api.value()->export_status(leads, kSeedExportId));
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  const auto start = std::chrono::steady_clock::now();
  io.run();
  ASSERT_TRUE(last && last->ok());
  EXPECT_GE(std::chrono::steady_clock::now() - start, 60ms);
}

}  // namespace
}  // namespace msync::marketo::testing

// Keep-alive as the daemon's Marketo client does it, counted at the proxy: sequential calls to one
// origin share one tunnel (one TCP connection), and when the proxy closes it the next call opens a
// new one and succeeds.
#include <gmock/gmock.h>

#include <exception>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "marketo/marketo.hpp"
#include "support/connect_proxy.hpp"
#include "support/fake_marketo.hpp"

namespace msync::proxy_test {
namespace {

TEST(KeepAlive, SequentialCallsShareOneConnectionAndAClosedOneIsReopened) {
  test_support::ConnectProxy proxy;
  test_support::FakeMarketo fake({});
  boost::asio::io_context io;

  marketo::Settings settings;
  settings.base_url = fake.url();
  settings.client_id = "demo-client";
  settings.client_secret = "demo-secret";
  settings.proxy.http_proxy = proxy.url();
  marketo::Dependencies dependencies;
  dependencies.make_client = marketo::http_client_factory(io.get_executor(), settings);
  auto made = marketo::make_api(settings, std::move(dependencies));
  ASSERT_TRUE(made.ok()) << made.error().message;
  marketo::Marketo& api = **made;

  std::vector<std::string> failures;
  int succeeded = 0;
  auto sequential = [&](int calls) -> boost::asio::awaitable<void> {
    const std::vector<marketo::ExportStatus> every_state;
    const marketo::ExportEntity leads;  // a local: GCC 12 mis-destroys temporaries inside co_await
    for (int i = 0; i < calls; ++i) {
      auto jobs = co_await api.list_exports(leads, every_state);
      if (jobs.ok()) {
        ++succeeded;
      } else {
        failures.push_back(jobs.failure().message);
      }
    }
  };
  int tunnels_before_drop = 0;
  auto scenario = [&]() -> boost::asio::awaitable<void> {
    co_await sequential(6);
    tunnels_before_drop = proxy.tunnels();
    proxy.drop_tunnels();  // the proxy's idle timeout closes both ends
    co_await sequential(6);
  };
  std::exception_ptr thrown;
  boost::asio::co_spawn(io, scenario(), [&](std::exception_ptr e) { thrown = e; });
  io.run();
  if (thrown) std::rethrow_exception(thrown);

  EXPECT_THAT(failures, ::testing::IsEmpty());
  EXPECT_EQ(succeeded, 12);
  // One tunnel for the token (identity clients are pooled apart) and one for six REST calls.
  EXPECT_EQ(tunnels_before_drop, 2);
  // After the drop, the token is still cached: only the REST client reconnects, once, for six calls.
  EXPECT_EQ(proxy.tunnels(), tunnels_before_drop + 1);
  for (const auto& connect : proxy.seen()) {
    EXPECT_EQ(connect.target, fake.url().substr(fake.url().find("://") + 3));
  }
}

}  // namespace
}  // namespace msync::proxy_test

#pragma once
// A real Marketo client (make_api) over the scripted FakeServer and a ManualTiming, on a real
// io_context.
#include <gtest/gtest.h>

#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "unit/marketo/fake_http.hpp"
#include "unit/marketo/manual_timing.hpp"
#include "marketo/marketo.hpp"

namespace msync::marketo::testing {

inline constexpr const char* kSecret = "s3cr3t+/=&Value";
inline constexpr const char* kBase = "https://123-ABC-456.mktorest.com";

// Marketo's error envelope, as it answers with HTTP 200.
inline std::string error_body(std::string_view code, std::string_view message) {
  return std::string(R"({"requestId":"1#1","success":false,"errors":[{"code":")") + std::string(code) +
         R"(","message":")" + std::string(message) + R"("}]})";
}

template <class T>
boost::asio::awaitable<void> store(std::optional<T>& out, boost::asio::awaitable<T> task) {
  out.emplace(co_await std::move(task));
}

struct ObservedCall {
  std::string endpoint;
  unsigned status;
  std::string code;
  bool operator==(const ObservedCall&) const = default;
};

class ApiFixture : public ::testing::Test {
 protected:
  Settings settings() const {
    Settings s;
    s.base_url = kBase;
    s.client_id = "my-client-id";
    s.client_secret = kSecret;
    return s;
  }

  void make(Settings s, bool auto_advance = true) {
    timing_ = std::make_shared<ManualTiming>(auto_advance);
    auto made = make_api(std::move(s), Dependencies{fake_factory(server_), timing_,
                                                    [this](std::string_view e, unsigned st, std::string_view c) {
                                                      calls_.push_back({std::string(e), st, std::string(c)});
                                                    }});
    ASSERT_TRUE(made.ok()) << made.error().message;
    api_ = std::move(made.value());
  }

  void SetUp() override { make(settings()); }

  // Starts a call; its result appears in the returned slot once the io_context has run it.
  template <class T>
  std::shared_ptr<std::optional<T>> spawn(boost::asio::awaitable<T> task) {
    auto slot = std::make_shared<std::optional<T>>();
    boost::asio::co_spawn(io_, store(*slot, std::move(task)), [slot](std::exception_ptr e) {
      if (e) std::rethrow_exception(e);
    });
    return slot;
  }

  template <class T>
  T run(boost::asio::awaitable<T> task) {
    auto slot = spawn(std::move(task));
    io_.run();
    io_.restart();
    EXPECT_TRUE(slot->has_value()) << "the call did not finish";
    return std::move(**slot);
  }

  void poll() {
    io_.poll();
    io_.restart();
  }

  boost::asio::io_context io_;
  FakeServer server_;
  std::shared_ptr<ManualTiming> timing_;
  std::vector<ObservedCall> calls_;
  std::unique_ptr<Marketo> api_;
};

}  // namespace msync::marketo::testing

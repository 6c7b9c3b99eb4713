#pragma once
// The shared frame of the client tests: one io_context, loopback servers on it, and run(), which
// drives a coroutine to completion on that io_context.
#include <chrono>
#include <deque>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "http/http.hpp"
#include "unit/http/loopback_server.hpp"

namespace msync::http::test {

// Collects a download's body and counts the writes; can be told to fail at a given write.
class StringSink : public BodySink {
 public:
  core::Status write(std::span<const char> bytes) override {
    ++writes;
    if (fail_at_write != 0 && writes == fail_at_write) return core::make_error("disk full", fail_kind);
    body.append(bytes.data(), bytes.size());
    return {};
  }

  std::string body;
  int writes = 0;
  int fail_at_write = 0;  // 1-based; 0: never
  core::ErrorKind fail_kind = core::ErrorKind::permanent;
};

class HttpFixture : public ::testing::Test {
 protected:
  void TearDown() override {
    for (auto& server : servers_) server.stop();
    io_.restart();
    io_.run();
  }

  LoopbackServer& server(Script script, boost::asio::ssl::context* tls = nullptr) {
    return servers_.emplace_back(io_, std::move(script), tls);
  }

  std::unique_ptr<Client> client(ClientOptions options) {
    auto made = make_client(io_.get_executor(), std::move(options));
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message);
    return made.ok() ? std::move(made.value()) : nullptr;
  }

  std::unique_ptr<Client> client(const std::string& base_url) {
    ClientOptions options;
    options.base_url = base_url;
    return client(std::move(options));
  }

  // Runs the coroutine on io_ until it completes. The time limit only guards against a hang.
  template <class T>
  T run(boost::asio::awaitable<T> task) {
    std::optional<T> result;
    std::exception_ptr failure;
    bool done = false;
    boost::asio::co_spawn(io_, optional(std::move(task)), [&](std::exception_ptr e, std::optional<T> value) {
      failure = e;
      result = std::move(value);
      done = true;
    });
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    io_.restart();
    while (!done && std::chrono::steady_clock::now() < give_up) {
      io_.run_one_for(std::chrono::milliseconds(100));
    }
    if (failure) std::rethrow_exception(failure);
    if (!result) throw std::runtime_error("the coroutine did not complete");
    return std::move(*result);
  }

  // co_spawn needs a default-constructible result, which core::Result is not.
  template <class T>
  static boost::asio::awaitable<std::optional<T>> optional(boost::asio::awaitable<T> task) {
    co_return co_await std::move(task);
  }

  static Request get(std::string target) {
    Request request;
    request.target = std::move(target);
    return request;
  }

  boost::asio::io_context io_;
  std::deque<LoopbackServer> servers_;
};

}  // namespace msync::http::test

#pragma once
// A scripted, in-memory stand-in for http::Client: every request is recorded; answers come from
// queues (identity and REST apart); an unscripted identity request gets a default token. Sends can
// be held until the test releases them, to observe calls in flight.
#include <gtest/gtest.h>

#include <deque>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "http/http.hpp"
#include "marketo/client_pool.hpp"

namespace msync::marketo::testing {

struct Scripted {
  std::optional<core::Error> error;  // a transport failure instead of an answer
  unsigned status = 200;
  http::Headers headers;
  std::string body;  // JSON answer, or the file for a 2xx download
};

inline Scripted answer(std::string body, unsigned status = 200, http::Headers headers = {}) {
  return Scripted{std::nullopt, status, std::move(headers), std::move(body)};
}

inline Scripted failure(std::string message, core::ErrorKind kind = core::ErrorKind::transient) {
  return Scripted{core::Error{std::move(message), kind}, 0, {}, ""};
}

inline Scripted token_answer(std::string token, int expires_in = 3600) {
  return answer(R"({"access_token":")" + token + R"(","token_type":"bearer","expires_in":)" +
                std::to_string(expires_in) + R"(,"scope":"apiuser@example.com"})");
}

struct Seen {
  std::string origin;
  http::Request request;

  std::string header(std::string_view name) const {
    for (const auto& [key, value] : request.headers) {
      if (key == name) return value;
    }
    return "";
  }
};

class FakeServer {
 public:
  std::deque<Scripted> identity;  // answers for .../oauth/token
  std::deque<Scripted> rest;      // answers for everything else
  std::vector<Seen> seen;
  std::size_t clients_made = 0;
  std::string default_token = "tok-A-1234567890";

  std::vector<Seen> rest_requests() const { return filter(false); }
  std::vector<Seen> identity_requests() const { return filter(true); }

  // While held, sends wait until release_all().
  void hold() { holding_ = true; }
  void release_all() {
    holding_ = false;
    auto gates = std::move(gates_);
    gates_.clear();
    for (auto* gate : gates) gate->cancel();
  }

  boost::asio::awaitable<Scripted> next(std::string origin, const http::Request& request) {
    seen.push_back(Seen{std::move(origin), request});
    if (holding_) {
      boost::asio::steady_timer gate(co_await boost::asio::this_coro::executor,
                                     boost::asio::steady_timer::time_point::max());
      gates_.push_back(&gate);
      (void)co_await gate.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
      gates_.remove(&gate);
    }
    const bool is_identity = request.target.find("/oauth/token") != std::string::npos;
    auto& queue = is_identity ? identity : rest;
    if (queue.empty()) {
      if (is_identity) co_return token_answer(default_token);
      ADD_FAILURE() << "no answer scripted for " << request.method << " " << request.target;
      co_return answer("no answer scripted", 500);
    }
    Scripted next = std::move(queue.front());
    queue.pop_front();
    co_return next;
  }

 private:
  std::vector<Seen> filter(bool want_identity) const {
    std::vector<Seen> out;
    for (const auto& s : seen) {
      if ((s.request.target.find("/oauth/token") != std::string::npos) == want_identity) out.push_back(s);
    }
    return out;
  }

  bool holding_ = false;
  std::list<boost::asio::steady_timer*> gates_;
};

class FakeClient final : public http::Client {
 public:
  FakeClient(FakeServer& server, std::string origin) : server_(server), origin_(std::move(origin)) {}

  boost::asio::awaitable<core::Result<http::Response>> send(http::Request request) override {
    Scripted s = co_await server_.next(origin_, request);
    if (s.error) co_return *s.error;
    co_return http::Response{s.status, s.headers, s.body};
  }

  boost::asio::awaitable<core::Result<http::DownloadResult>> download(http::Request request,
                                                                      http::BodySink& sink) override {
    Scripted s = co_await server_.next(origin_, request);
    if (s.error) co_return *s.error;
    http::DownloadResult result{s.status, s.headers, 0, ""};
    if (s.status < 200 || s.status >= 300) {
      result.error_body = s.body;
      co_return result;
    }
    // Deliver in small chunks, as a socket would.
    constexpr std::size_t kChunk = 1000;
    for (std::size_t at = 0; at < s.body.size(); at += kChunk) {
      const std::size_t n = std::min(kChunk, s.body.size() - at);
      if (auto written = sink.write({s.body.data() + at, n}); !written) co_return written.error();
      result.bytes_delivered += n;
    }
    co_return result;
  }

  void close() override {}

 private:
  FakeServer& server_;
  std::string origin_;
};

inline ClientFactory fake_factory(FakeServer& server) {
  return [&server](const std::string& origin) -> core::Result<std::unique_ptr<http::Client>> {
    ++server.clients_made;
    return std::unique_ptr<http::Client>(std::make_unique<FakeClient>(server, origin));
  };
}

class StringSink final : public http::BodySink {
 public:
  std::string data;
  std::optional<std::size_t> refuse_after;  // refuse once this many bytes are held

  core::Status write(std::span<const char> bytes) override {
    if (refuse_after && data.size() + bytes.size() > *refuse_after) {
      return core::make_error("disk full writing export.part", core::ErrorKind::permanent);
    }
    data.append(bytes.data(), bytes.size());
    return {};
  }
};

}  // namespace msync::marketo::testing

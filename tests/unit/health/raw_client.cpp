#include "unit/health/raw_client.hpp"

#include <algorithm>
#include <cctype>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace msync::health::test {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto as_result = asio::as_tuple(asio::use_awaitable);

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

Answer parse_answer(const std::string& raw, bool head) {
  Answer answer;
  answer.raw = raw;
  const auto header_end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || header_end == std::string::npos) return answer;
  answer.status = static_cast<unsigned>(std::stoul(raw.substr(9, 3)));
  std::size_t line = raw.find("\r\n") + 2;
  while (line < header_end) {
    const auto eol = raw.find("\r\n", line);
    const auto colon = raw.find(':', line);
    std::string value = raw.substr(colon + 1, eol - colon - 1);
    value.erase(0, value.find_first_not_of(' '));
    answer.headers[lower(raw.substr(line, colon - line))] = value;
    line = eol + 2;
  }
  if (!head) answer.body = raw.substr(header_end + 4);
  return answer;
}

asio::awaitable<tcp::socket> connect(std::uint16_t port) {
  tcp::socket socket(co_await asio::this_coro::executor);
  co_await socket.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                                asio::use_awaitable);
  co_return socket;
}

asio::awaitable<std::string> send_and_read_to_end(tcp::socket& socket, const std::string& request) {
  if (!request.empty()) co_await asio::async_write(socket, asio::buffer(request), as_result);
  std::string received;
  co_await asio::async_read(socket, asio::dynamic_buffer(received), as_result);
  co_return received;  // ends with eof, or a reset when the server closed with unread input
}

asio::awaitable<Answer> send_and_read_one(tcp::socket& socket, const std::string& request,
                                          bool head) {
  co_await asio::async_write(socket, asio::buffer(request), asio::use_awaitable);
  std::string received;
  auto [ec, n] = co_await asio::async_read_until(socket, asio::dynamic_buffer(received),
                                                 "\r\n\r\n", as_result);
  if (ec) co_return parse_answer(received, head);
  Answer answer = parse_answer(received.substr(0, n), true);
  const std::size_t length = head ? 0 : std::stoul(answer.headers["content-length"]);
  std::string body = received.substr(n);
  if (body.size() < length) {
    std::string rest(length - body.size(), '\0');
    co_await asio::async_read(socket, asio::buffer(rest), asio::use_awaitable);
    body += rest;
  }
  answer.body = body;
  answer.raw = received.substr(0, n) + body;
  co_return answer;
}

asio::awaitable<Answer> exchange(std::uint16_t port, const std::string& request, bool head) {
  auto socket = co_await connect(port);
  co_return parse_answer(co_await send_and_read_to_end(socket, request), head);
}

std::string get(const std::string& path, const std::string& method) {
  return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
}

}  // namespace msync::health::test

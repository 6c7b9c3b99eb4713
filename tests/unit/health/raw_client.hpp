#pragma once
// A byte-level HTTP client for the health server tests: sends exactly what a test writes, so
// malformed and slow requests can be sent too.
#include <cstdint>
#include <map>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace msync::health::test {

struct Answer {
  unsigned status = 0;  // 0: the server closed without answering
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string raw;  // everything received
};

// Parses one HTTP/1.1 answer from `raw`; `head`: the answer has no body whatever it declares.
Answer parse_answer(const std::string& raw, bool head);

boost::asio::awaitable<boost::asio::ip::tcp::socket> connect(std::uint16_t port);
// Writes `request` and reads until the server closes the connection.
boost::asio::awaitable<std::string> send_and_read_to_end(boost::asio::ip::tcp::socket& socket,
                                                         const std::string& request);
// Writes `request` and reads exactly one answer, leaving the connection open.
boost::asio::awaitable<Answer> send_and_read_one(boost::asio::ip::tcp::socket& socket,
                                                 const std::string& request, bool head = false);
// One request on a fresh connection that asks to be closed after it.
boost::asio::awaitable<Answer> exchange(std::uint16_t port, const std::string& request,
                                        bool head = false);
// `GET <path>` with Connection: close.
std::string get(const std::string& path, const std::string& method = "GET");

}  // namespace msync::health::test

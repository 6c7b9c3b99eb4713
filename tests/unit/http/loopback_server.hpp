#pragma once
// A scripted HTTP/1.1 server on 127.0.0.1, port 0, plain or TLS, running on the test's io_context.
// Each request is handed to the script, which says what bytes to answer and what to do next.
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

namespace msync::http::test {

struct Received {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int connection = 0;  // 0-based, in accept order
  int index = 0;       // 0-based position of the request on its connection

  std::string header(const std::string& name) const;
};

struct Reply {
  std::string bytes;         // written verbatim: status line, header and body
  bool close_after = false;  // close the connection (TCP only, no TLS close_notify) after writing
  bool hang = false;         // then write nothing more and keep the connection until the client leaves
};

using Script = std::function<Reply(const Received&)>;

// A complete answer with a Content-Length.
std::string answer(int status, const std::string& body, const std::string& extra_headers = "");

class LoopbackServer {
 public:
  LoopbackServer(boost::asio::io_context& io, Script script,
                 boost::asio::ssl::context* tls = nullptr);

  unsigned short port() const { return port_; }
  std::string base_url(const std::string& host = "127.0.0.1") const;
  int accepted() const { return accepted_; }
  const std::vector<Received>& received() const { return received_; }

  // Closes the listener and every open connection so that the io_context runs dry.
  void stop();

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> serve_plain(boost::asio::ip::tcp::socket socket, int connection);
  boost::asio::awaitable<void> serve_tls(boost::asio::ip::tcp::socket socket, int connection);
  template <class Stream>
  boost::asio::awaitable<void> serve(Stream& stream, int connection);

  boost::asio::io_context& io_;
  Script script_;
  boost::asio::ssl::context* tls_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  int accepted_ = 0;
  std::vector<Received> received_;
  std::set<boost::asio::ip::tcp::socket*> open_;
};

}  // namespace msync::http::test

#pragma once
// The two ways an answer is taken in. BeastClient::exchange() drives either with the same calls:
//   on_header(parser) -> bool   false: leave the body unread (the connection is then dropped)
//   on_chunk(bytes)   -> bool   false: stop reading (likewise)
//   finish(parser)    -> core::Result<T>
#include <algorithm>
#include <optional>
#include <span>
#include <string>

#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <fmt/format.h>

#include "http/http.hpp"

namespace msync::http {

using Parser = boost::beast::http::response_parser<boost::beast::http::buffer_body>;

inline Headers copy_headers(const Parser& parser) {
  Headers headers;
  for (const auto& field : parser.get()) {
    headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  return headers;
}

// send(): the whole body in memory, up to a limit.
class MemoryReader {
 public:
  // where: "origin [METHOD /path]", for the error message.
  MemoryReader(std::size_t max_body_bytes, std::string where)
      : max_body_bytes_(max_body_bytes), where_(std::move(where)) {}

  bool on_header(const Parser& parser) {
    const auto length = parser.content_length();
    if (length && *length > max_body_bytes_) return too_large();
    return true;
  }

  bool on_chunk(std::span<const char> bytes) {
    if (body_.size() + bytes.size() > max_body_bytes_) return too_large();
    body_.append(bytes.data(), bytes.size());
    return true;
  }

  core::Result<Response> finish(const Parser& parser) {
    if (too_large_) {
      return core::make_error(fmt::format("http: answer from {} is larger than max_body_bytes ({})",
                                          where_, max_body_bytes_),
                              core::ErrorKind::transient);
    }
    return Response{parser.get().result_int(), copy_headers(parser), std::move(body_)};
  }

 private:
  bool too_large() {
    too_large_ = true;
    return false;
  }

  std::size_t max_body_bytes_;
  std::string where_;
  std::string body_;
  bool too_large_ = false;
};

// download(): a 2xx body goes to the sink as it arrives; any other body is kept, up to 64 KiB, as
// the error body.
class SinkReader {
 public:
  static constexpr std::size_t error_body_limit = 64 * 1024;

  SinkReader(BodySink& sink, std::string where) : sink_(sink), where_(std::move(where)) {}

  bool on_header(const Parser& parser) {
    success_ = parser.get().result_int() / 100 == 2;
    return true;
  }

  bool on_chunk(std::span<const char> bytes) {
    if (!success_) {
      const std::size_t room = error_body_limit - error_body_.size();
      error_body_.append(bytes.data(), std::min(room, bytes.size()));
      return bytes.size() < room;  // full: the rest is not worth reading
    }
    auto written = sink_.write(bytes);
    if (!written) {
      sink_error_ = written.error();
      return false;
    }
    bytes_delivered_ += bytes.size();
    return true;
  }

  core::Result<DownloadResult> finish(const Parser& parser) {
    if (sink_error_) {
      return core::make_error(
          fmt::format("http: download from {} stopped by its sink: {}", where_, sink_error_->message),
          sink_error_->kind);
    }
    return DownloadResult{parser.get().result_int(), copy_headers(parser), bytes_delivered_,
                          std::move(error_body_)};
  }

 private:
  BodySink& sink_;
  std::string where_;
  bool success_ = false;
  std::uint64_t bytes_delivered_ = 0;
  std::string error_body_;
  std::optional<core::Error> sink_error_;
};

}  // namespace msync::http

#include "server/request_log.hpp"

#include <array>
#include <stdexcept>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace fake {
namespace {

constexpr std::array<std::string_view, 3> secret_keys{"client_secret", "access_token",
                                                      "refresh_token"};

std::string to_json(const RequestRecord& r) {
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> w(out);
  w.StartObject();
  w.Key("time"); w.String(r.time.c_str());
  w.Key("method"); w.String(r.method.c_str());
  w.Key("target"); w.String(r.target.c_str());
  w.Key("status"); w.Uint(r.status);
  w.Key("marketo_error"); w.String(r.marketo_error.c_str());
  w.Key("authorization"); w.Bool(r.authorization);
  w.Key("bytes"); w.Uint64(r.bytes);
  w.Key("faults"); w.String(r.faults.c_str());
  if (r.processing) { w.Key("processing"); w.Uint(*r.processing); }
  if (r.queued) { w.Key("queued"); w.Uint(*r.queued); }
  w.EndObject();
  return out.GetString();
}

}  // namespace

RequestLog::RequestLog(const std::string& path) {
  if (path.empty()) return;
  file_.open(path, std::ios::app);
  if (!file_) throw std::runtime_error("cannot open request log '" + path + "' for appending");
}

void RequestLog::append(RequestRecord record) {
  record.target = redact(record.target);
  lines_.push_back(to_json(record));
  if (file_.is_open()) file_ << lines_.back() << '\n' << std::flush;
}

std::string RequestLog::json_lines() const {
  std::string all;
  for (const auto& line : lines_) all.append(line).push_back('\n');
  return all;
}

std::string RequestLog::redact(std::string_view target) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, q + 1));
  std::string_view query = target.substr(q + 1);
  bool first = true;
  while (true) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    const auto key = pair.substr(0, eq);
    if (!first) out += '&';
    first = false;
    bool secret = false;
    for (const auto k : secret_keys) secret = secret || key == k;
    if (secret && eq != std::string_view::npos) {
      out.append(key).append("=REDACTED");
    } else {
      out.append(pair);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

}  // namespace fake

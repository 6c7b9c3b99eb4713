#include "request_tally.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

namespace msync::fault_test {
namespace {

struct Call {
  std::string method, path, marketo_error;
  unsigned status = 0;
  std::vector<std::string> faults;

  bool had(const std::string& fault) const { return std::find(faults.begin(), faults.end(), fault) != faults.end(); }
  bool file() const { return path.ends_with("/file.json"); }
  // Whether the daemon got no usable answer. "cut" is logged for every call it was drawn for but
  // only cuts file bodies; "malformed" only spoils JSON bodies; every stall outlasts the read timeout.
  bool failed() const {
    if (status < 200 || status > 299 || !marketo_error.empty()) return true;
    if (had("stall")) return true;
    return file() ? had("cut") : had("malformed");
  }
};

std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> names;
  std::istringstream in(text);
  for (std::string name; std::getline(in, name, ',');)
    if (!name.empty()) names.push_back(name);
  return names;
}

std::optional<Call> parse(const std::string& line) {
  rapidjson::Document d;
  d.Parse(line.c_str(), line.size());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("target")) return std::nullopt;
  Call call;
  call.method = d["method"].GetString();
  const std::string target = d["target"].GetString();
  call.path = target.substr(0, target.find('?'));
  call.status = d["status"].GetUint();
  if (d.HasMember("marketo_error") && d["marketo_error"].IsString()) call.marketo_error = d["marketo_error"].GetString();
  if (d.HasMember("faults") && d["faults"].IsString()) call.faults = split_names(d["faults"].GetString());
  return call;
}

}  // namespace

RequestTally tally_requests(const std::filesystem::path& request_log) {
  RequestTally tally;
  std::map<std::string, std::size_t> streak;  // method + path -> failures in a row so far
  std::ifstream log(request_log);
  for (std::string line; std::getline(log, line);) {
    const auto call = parse(line);
    if (!call || call->path.starts_with("/admin/")) continue;
    ++tally.calls;
    bool spoiled = false;
    for (const auto& name : call->faults) {
      // Rules drawn for calls they cannot spoil are logged too: count only what they did.
      if ((name == "cut" && !call->file()) || (name == "malformed" && call->file())) continue;
      ++tally.fired[name];
      spoiled = true;
    }
    if (spoiled) ++tally.faulted;
    const std::string key = call->method + " " + call->path;
    auto& failures = streak[key];
    if (failures > 0) ++tally.retries;
    failures = call->failed() ? failures + 1 : 0;
    tally.longest_failure_streak = std::max(tally.longest_failure_streak, failures);
    if (call->path.ends_with("/create.json") && !call->failed()) ++tally.jobs_created;
    if (call->path.ends_with("/enqueue.json") && !call->marketo_error.empty()) ++tally.enqueues_refused;
  }
  return tally;
}

}  // namespace msync::fault_test

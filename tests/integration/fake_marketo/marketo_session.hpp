#pragma once
// The Marketo calls the tests make, on top of TestClient: token, create / enqueue / status, file,
// program member imports.
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <openssl/evp.h>
#include <rapidjson/document.h>

#include "test_client.hpp"

namespace fake_test {

inline const std::string token_target =
    "/identity/oauth/token?grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret";

// A createdAt window inside the default data span (2024-01-01 + 365 days).
inline const std::string create_body =
    R"({"fields":["id","email","firstName","lastName","createdAt","updatedAt"],"format":"CSV",)"
    R"("filter":{"createdAt":{"startAt":"2024-03-01T00:00:00Z","endAt":"2024-03-08T00:00:00Z"}}})";

inline rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  if (d.HasParseError()) throw std::runtime_error("not JSON: " + text);
  return d;
}

// The first Marketo error code of a JSON answer, or "".
inline std::string marketo_error(const std::string& body) {
  const auto d = parse_json(body);
  if (!d.HasMember("errors") || d["errors"].Empty()) return "";
  return d["errors"][0]["code"].GetString();
}

inline std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < size; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

class MarketoSession {
 public:
  explicit MarketoSession(TestClient& client) : client_(client) {}

  std::string token() {
    const Reply r = client_.get(token_target);
    if (r.status != 200) throw std::runtime_error("token: HTTP " + std::to_string(r.status) + " " + r.body);
    return parse_json(r.body)["access_token"].GetString();
  }

  std::vector<std::pair<std::string, std::string>> auth(const std::string& token) const {
    return {{"Authorization", "Bearer " + token}};
  }

  Reply call(const std::string& method, const std::string& target, const std::string& token,
             const std::string& body = "") {
    auto headers = auth(token);
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return client_.request(method, target, body, headers);
  }

  // The exportId of a new job (throws when create.json fails).
  std::string create(const std::string& token, const std::string& body = create_body) {
    const Reply r = call("POST", "/bulk/v1/leads/export/create.json", token, body);
    const auto d = parse_json(r.body);
    if (!d["success"].GetBool()) throw std::runtime_error("create failed: " + r.body);
    return d["result"][0]["exportId"].GetString();
  }

  rapidjson::Document status(const std::string& token, const std::string& id) {
    const Reply r = call("GET", "/bulk/v1/leads/export/" + id + "/status.json", token);
    return parse_json(r.body);
  }

  // Polls status.json (bounded by `within`) until the job shows `wanted`; the states seen, in order.
  std::vector<std::string> wait_for(const std::string& token, const std::string& id, const std::string& wanted,
                                    std::chrono::seconds within = std::chrono::seconds(30)) {
    return poll([&] { return status(token, id); }, "job " + id, wanted, within);
  }

  // POST /bulk/v1/program/{program}/members/import.json with a multipart/form-data body.
  Reply import(const std::string& token, const std::string& program, const std::string& body,
               const std::string& content_type) {
    auto headers = auth(token);
    headers.emplace_back("Content-Type", content_type);
    return client_.request("POST", "/bulk/v1/program/" + program + "/members/import.json", body, headers);
  }

  rapidjson::Document import_status(const std::string& token, std::int64_t batch) {
    return parse_json(import_call(token, batch, "status").body);
  }

  // GET .../import/{batch}/{what}.json: status, failures or warnings.
  Reply import_call(const std::string& token, std::int64_t batch, const std::string& what) {
    return call("GET", "/bulk/v1/program/members/import/" + std::to_string(batch) + "/" + what + ".json", token);
  }

  // As wait_for, for an import batch.
  std::vector<std::string> wait_for_import(const std::string& token, std::int64_t batch, const std::string& wanted,
                                           std::chrono::seconds within = std::chrono::seconds(30)) {
    return poll([&] { return import_status(token, batch); }, "import " + std::to_string(batch), wanted, within);
  }

 private:
  template <class Status>
  static std::vector<std::string> poll(Status status, const std::string& what, const std::string& wanted,
                                       std::chrono::seconds within) {
    std::vector<std::string> seen;
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto d = status();
      if (!d.HasMember("result") || d["result"].Empty()) throw std::runtime_error(what + ": no status");
      const std::string state = d["result"][0]["status"].GetString();
      if (seen.empty() || seen.back() != state) seen.push_back(state);
      if (state == wanted) return seen;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));  // poll pace, not a correctness wait
    }
    throw std::runtime_error(what + " never became " + wanted);
  }

  TestClient& client_;
};

}  // namespace fake_test

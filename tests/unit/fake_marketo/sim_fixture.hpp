#pragma once
// A simulator on a private files folder, a clock the test moves, and helpers that speak to it the
// way a client would (Authorization: Bearer, JSON bodies).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "fake_marketo/sim/simulator.hpp"

namespace fake::testing {

using namespace std::chrono_literals;

// A Monday noon UTC in June 2024 (US Central is UTC-5 then: midnight there is 05:00Z).
inline const SimTime kStart = SimTime{std::chrono::sys_days{std::chrono::year{2024} / 6 / 3}} + 12h;

inline std::string body_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The seed's create.json example, with fields the database has and a window holding its data.
inline std::string create_body(const std::string& filter =
                                   R"({"createdAt":{"startAt":"2024-01-01T00:00:00Z","endAt":"2024-01-31T00:00:00Z"}})",
                               const std::string& format = "CSV") {
  return R"({"fields":["firstName","lastName","id","email"],"format":")" + format +
         R"(","columnHeaderNames":{"firstName":"First Name","lastName":"Last Name","id":"Marketo Id","email":"Email Address"},"filter":)" +
         filter + "}";
}

class SimFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("fake_marketo_sim_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    options_.files_dir = dir_.string();
    options_.data.leads = 200;
    options_.status_refresh_seconds = 0;  // no lag unless a test asks for it
  }
  void TearDown() override {
    sim_.reset();
    std::filesystem::remove_all(dir_);
  }

  void start() {
    sim_ = make_simulator(options_);
    token_ = fetch_token();
  }

  std::string fetch_token(const std::string& id = "demo-client", const std::string& secret = "demo-secret") {
    const auto r = sim_->handle(
        {"GET", "/identity/oauth/token?grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret, {}, {}},
        now_);
    EXPECT_EQ(r.status, 200u) << r.body;
    rapidjson::Document d;
    d.Parse(r.body.c_str());
    return d.HasMember("access_token") ? d["access_token"].GetString() : "";
  }

  HttpResponse send(const std::string& method, const std::string& target, const std::string& body = {},
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    headers.emplace_back("Authorization", "Bearer " + token_);
    return sim_->handle({method, target, std::move(headers), body}, now_);
  }

  static rapidjson::Document json(const HttpResponse& r) {
    rapidjson::Document d;
    d.Parse(r.body.c_str());
    EXPECT_FALSE(d.HasParseError()) << r.body;
    return d;
  }

  rapidjson::Document call(const std::string& method, const std::string& target, const std::string& body = {}) {
    return json(send(method, target, body));
  }

  // The one error code a failed answer carries ("" when it succeeded).
  static std::string error_code(const rapidjson::Document& d) {
    if (!d.IsObject() || d["success"].GetBool()) return "";
    return d["errors"][0]["code"].GetString();
  }
  static std::string error_message(const rapidjson::Document& d) {
    return d["errors"][0]["message"].GetString();
  }

  std::string create(const std::string& body = create_body()) {
    const auto d = call("POST", "/bulk/v1/leads/export/create.json", body);
    EXPECT_TRUE(d["success"].GetBool()) << body;
    return d["result"][0]["exportId"].GetString();
  }
  rapidjson::Document enqueue(const std::string& id) {
    return call("POST", "/bulk/v1/leads/export/" + id + "/enqueue.json");
  }
  rapidjson::Document status(const std::string& id) {
    return call("GET", "/bulk/v1/leads/export/" + id + "/status.json");
  }
  std::string status_of(const std::string& id) {
    const auto d = status(id);
    return d["success"].GetBool() ? d["result"][0]["status"].GetString() : "error " + error_code(d);
  }
  HttpResponse file(const std::string& id, const std::string& range = {}) {
    std::vector<std::pair<std::string, std::string>> h;
    if (!range.empty()) h.emplace_back("Range", range);
    return send("GET", "/bulk/v1/leads/export/" + id + "/file.json", {}, h);
  }
  std::string file_bytes(const std::string& id, const std::string& range = {}) {
    const auto r = file(id, range);
    if (!r.file) return {};
    const std::string all = body_of(r.file->path);
    return all.substr(r.file->offset, r.file->length);
  }

  static std::string header(const HttpResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return {};
  }

  std::filesystem::path dir_;
  Options options_;
  std::unique_ptr<Simulator> sim_;
  std::string token_;
  SimTime now_ = kStart;
};

}  // namespace fake::testing

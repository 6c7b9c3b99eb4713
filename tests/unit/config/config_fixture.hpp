#pragma once
// Shared by the config tests: parses YAML text as "test.yaml" located in a fresh temporary
// directory, with a fixed environment and a fixed "now" (2026-01-01T00:00:00Z).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config/config.hpp"

namespace msync::config {

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "config_test.XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  LoadResult parse(const std::string& yaml) {
    return parse_config(yaml, "test.yaml", dir_, env_, now_);
  }

  // The errors of a configuration that must fail.
  std::vector<std::string> errors(const std::string& yaml) {
    auto result = parse(yaml);
    EXPECT_FALSE(result.ok()) << yaml;
    return result.ok() ? std::vector<std::string>{} : result.errors();
  }

  Config valid(const std::string& yaml) {
    auto result = parse(yaml);
    if (!result.ok()) {
      ADD_FAILURE() << result.error().message;
      return Config{};
    }
    return std::move(result).value();
  }

  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
  }

  // A valid head (6 lines) to which a test appends its exports / imports from line 7.
  static constexpr const char* head =
      "marketo:\n"
      "  base_url: https://example.mktorest.com\n"
      "  client_id: the-id\n"
      "  client_secret: topsecret\n"
      "state_db: state.db\n"
      "staging_dir: staging\n";

  std::filesystem::path dir_;
  MapEnvironment env_;
  core::Timestamp now_ = *core::parse_iso8601("2026-01-01T00:00:00Z");
};

}  // namespace msync::config

// fake-marketo's command line: exit codes, `expect`, the announced URL, clean shutdown.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include "fake_marketo_process.hpp"

namespace fake_test {
namespace {

const std::vector<std::string> expect_args{
    "expect", "--fields", "id,email", "--filter",
    R"({"createdAt":{"startAt":"2024-03-01T00:00:00Z","endAt":"2024-03-08T00:00:00Z"}})"};

TEST(FakeMarketoCli, BadFlagsExit64WithAMessage) {
  const std::vector<std::vector<std::string>> cases{
      {"--no-such-flag"},
      {"--max-processing", "abc"},
      {"--max-processing", "0"},
      {"--listen", "nowhere"},
      {"--listen", "127.0.0.1:70000"},
      {"--listen", "not-an-ip:0"},
      {"--faults", "607:0.5"},
      {"--faults", "606:2"},
      {"--faults", "stall:0.1"},
      {"--daily-quota", "lots"},
      {"--epoch", "yesterday"},
      {"--disable-filter", "color"},
      {"--queue-seconds", "-1"},
      {"--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"},
      {"--tls-cert", source_path("tests/fake_marketo/certs/server.pem")},
      {"--max-processing", "5", "--max-queued", "2"},
      {"--program", "1001"},
      {"--program", "x:On List"},
      {"--program", "7:A", "--program", "7:B"},
      {"--max-importing", "0"},
      {"--max-importing", "3", "--max-import-queued", "2"},
      {"--import-queue-seconds", "-1"},
      {"--import-max-bytes", "lots"},
      {"expect", "--fields", "id"},
      {"expect", "--fields", "id", "--filter", "{not json"},
      {"expect", "--fields", "id", "--filter", "{}", "--format", "xml"},
      {"--leads", "5", "expect", "--fields", "id", "--filter", "{}"},
  };
  for (const auto& args : cases) {
    const auto result = run_fake_marketo(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(result.exit_code, 64) << joined << "\nstderr: " << result.err;
    EXPECT_FALSE(result.err.empty()) << joined;
    EXPECT_TRUE(result.out.empty() || result.out.find("listening on") == std::string::npos) << joined;
  }
}

TEST(FakeMarketoCli, HelpExitsZero) {
  const auto result = run_fake_marketo({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("--max-processing"), std::string::npos);
  EXPECT_NE(result.out.find("--fault-seed"), std::string::npos);
  EXPECT_NE(result.out.find("--program"), std::string::npos);
  EXPECT_NE(result.out.find("--import-max-bytes"), std::string::npos);
}

TEST(FakeMarketoCli, AnnouncesItsUrlFirstAndStopsCleanlyOnSigterm) {
  FakeMarketoProcess server({"--leads", "10"});
  EXPECT_TRUE(server.url().starts_with("http://127.0.0.1:")) << server.url();
  EXPECT_NE(server.port(), "0");
  EXPECT_EQ(server.stop(), 0);
}

TEST(FakeMarketoCli, PortInUseExits69) {
  FakeMarketoProcess first({"--leads", "10"});
  const auto result = run_fake_marketo({"--listen", "127.0.0.1:" + first.port()});
  EXPECT_EQ(result.exit_code, 69) << result.err;
  EXPECT_NE(result.err.find("cannot listen"), std::string::npos) << result.err;
}

TEST(FakeMarketoCli, ExpectPrintsTheFileWithItsHeaderRow) {
  auto args = expect_args;
  args.insert(args.end(), {"--leads", "2000"});
  const auto csv = run_fake_marketo(args);
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_TRUE(csv.out.starts_with("id,email\n")) << csv.out.substr(0, 100);
  EXPECT_GT(std::count(csv.out.begin(), csv.out.end(), '\n'), 2);

  args.insert(args.end(), {"--format", "tsv", "--column-header-names", R"({"id":"Marketo Id"})"});
  const auto tsv = run_fake_marketo(args);
  ASSERT_EQ(tsv.exit_code, 0) << tsv.err;
  EXPECT_TRUE(tsv.out.starts_with("Marketo Id\temail\n")) << tsv.out.substr(0, 100);
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), std::count(tsv.out.begin(), tsv.out.end(), '\n'));
}

TEST(FakeMarketoCli, ExpectOfABodyMarketoWouldRefuseExits65) {
  const auto result = run_fake_marketo(
      {"expect", "--fields", "id", "--filter",
       R"({"createdAt":{"startAt":"2024-01-01T00:00:00Z","endAt":"2024-03-01T00:00:00Z"}})"});
  EXPECT_EQ(result.exit_code, 65);
  EXPECT_FALSE(result.err.empty());
  EXPECT_TRUE(result.out.empty());
}

}  // namespace
}  // namespace fake_test

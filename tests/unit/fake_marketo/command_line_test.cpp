// fake-marketo's serve flags for imports: --program (ID:Status,...) and the import queue and size
// flags, parsed into the simulator's Options; bad values stop with 64 and a message naming both
// the flag and the value.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/command_line.hpp"
#include "server/program_spec.hpp"

namespace fake {
namespace {

struct Parsed {
  Command command;
  std::string err;
};

Parsed parse(std::vector<std::string> args) {
  args.insert(args.begin(), "fake-marketo");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  ::testing::internal::CaptureStderr();
  ::testing::internal::CaptureStdout();  // --help and CLI11's hints
  Command command = parse_command_line(int(argv.size()), argv.data());
  ::testing::internal::GetCapturedStdout();
  return {std::move(command), ::testing::internal::GetCapturedStderr()};
}

Options serve_options(const std::vector<std::string>& args) {
  const Parsed p = parse(args);
  const auto* serve = std::get_if<ServeCommand>(&p.command);
  if (!serve) ADD_FAILURE() << "not a serve command; stderr: " << p.err;
  return serve ? serve->simulator : Options{};
}

TEST(CommandLineImports, DefaultsAreTheSimulatorsOwn) {
  const Options o = serve_options({});
  const Options defaults;
  EXPECT_EQ(o.programs, (Programs{{1001, {"On List", "Registered", "Attended"}}}));
  EXPECT_EQ(o.max_importing, defaults.max_importing);
  EXPECT_EQ(o.max_import_queued, defaults.max_import_queued);
  EXPECT_DOUBLE_EQ(o.import_queue_seconds, defaults.import_queue_seconds);
  EXPECT_DOUBLE_EQ(o.import_process_seconds, defaults.import_process_seconds);
  EXPECT_EQ(o.import_max_bytes, 10000000u);
}

TEST(CommandLineImports, ProgramFlagsReplaceTheDefaultProgram) {
  const Options o = serve_options({"--program", "7:Invited, Attended ", "--program=42:Won", "--program", " 9 :On List"});
  EXPECT_EQ(o.programs, (Programs{{7, {"Invited", "Attended"}}, {9, {"On List"}}, {42, {"Won"}}}));
}

TEST(CommandLineImports, ImportFlagsReachTheOptions) {
  const Options o = serve_options({"--max-importing", "3", "--max-import-queued", "12", "--import-queue-seconds",
                                   "0.25", "--import-process-seconds", "0", "--import-max-bytes", "2KB"});
  EXPECT_EQ(o.max_importing, 3u);
  EXPECT_EQ(o.max_import_queued, 12u);
  EXPECT_DOUBLE_EQ(o.import_queue_seconds, 0.25);
  EXPECT_DOUBLE_EQ(o.import_process_seconds, 0);
  EXPECT_EQ(o.import_max_bytes, 2000u);
  EXPECT_EQ(serve_options({"--import-max-bytes", "1234"}).import_max_bytes, 1234u);
  EXPECT_EQ(serve_options({"--import-max-bytes", "1MiB"}).import_max_bytes, 1048576u);
}

TEST(CommandLineImports, BadValuesStopWith64NamingFlagAndValue) {
  struct Case {
    std::vector<std::string> args;
    std::string flag, value;  // what the message must name
  };
  const std::vector<Case> cases{
      {{"--program", "abc:On List"}, "--program", "abc:On List"},
      {{"--program", "0:On List"}, "--program", "0:On List"},
      {{"--program=-5:On List"}, "--program", "-5:On List"},
      {{"--program", "1.5:On List"}, "--program", "1.5:On List"},
      {{"--program", "1001"}, "--program", "1001"},
      {{"--program", "1001:"}, "--program", "1001:"},
      {{"--program", "1001: , "}, "--program", "1001: , "},
      {{"--program", "1001:On List,,Attended"}, "--program", "1001:On List,,Attended"},
      {{"--program", "7:A", "--program", "7:B"}, "--program", "7:B"},
      {{"--max-importing", "0"}, "--max-importing", "0"},
      {{"--max-importing", "two"}, "--max-importing", "two"},
      {{"--max-import-queued", "-3"}, "--max-import-queued", "-3"},
      {{"--import-queue-seconds", "-1"}, "--import-queue-seconds", "-1"},
      {{"--import-process-seconds", "soon"}, "--import-process-seconds", "soon"},
      {{"--import-max-bytes", "lots"}, "--import-max-bytes", "lots"},
      {{"--import-max-bytes", "0"}, "--import-max-bytes", "'0'"},
      {{"--import-max-bytes", "10 MB"}, "--import-max-bytes", "10 MB"},
  };
  for (const auto& c : cases) {
    const Parsed p = parse(c.args);
    const auto* stop = std::get_if<Stop>(&p.command);
    ASSERT_NE(stop, nullptr) << c.value;
    EXPECT_EQ(stop->exit_code, exit_usage) << c.value;
    EXPECT_NE(p.err.find(c.flag), std::string::npos) << p.err;
    EXPECT_NE(p.err.find(c.value), std::string::npos) << p.err;
  }
}

TEST(CommandLineImports, ImportFlagsAreServeFlagsNotExpectFlags) {
  const Parsed p = parse({"--program", "7:A", "expect", "--fields", "id", "--filter", "{}"});
  const auto* stop = std::get_if<Stop>(&p.command);
  ASSERT_NE(stop, nullptr);
  EXPECT_EQ(stop->exit_code, exit_usage);
  EXPECT_NE(p.err.find("--program"), std::string::npos) << p.err;
}

TEST(CommandLineImports, HelpNamesTheImportFlags) {
  ::testing::internal::CaptureStdout();
  const char* argv[] = {"fake-marketo", "--help"};
  const Command command = parse_command_line(2, argv);
  const std::string out = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(std::holds_alternative<Stop>(command));
  EXPECT_EQ(std::get<Stop>(command).exit_code, 0);
  for (const char* flag : {"--program", "--max-importing", "--max-import-queued", "--import-queue-seconds",
                           "--import-process-seconds", "--import-max-bytes"})
    EXPECT_NE(out.find(flag), std::string::npos) << flag;
}

TEST(ProgramSpec, ParsesIdAndStatuses) {
  const auto p = parse_program_spec("1001:On List,Registered,Attended");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->first, 1001);
  EXPECT_EQ(p->second, (std::vector<std::string>{"On List", "Registered", "Attended"}));
  const auto colon = parse_program_spec("5:Ratio: 2:1");  // only the first ':' separates
  ASSERT_TRUE(colon.ok());
  EXPECT_EQ(colon->second, (std::vector<std::string>{"Ratio: 2:1"}));
}

TEST(ProgramSpec, ErrorsQuoteTheValueAndSayWhy) {
  const auto no_colon = parse_program_spec("1001");
  ASSERT_FALSE(no_colon.ok());
  EXPECT_EQ(no_colon.error().message,
            "'1001': no ':' between the program id and its statuses (use ID:Status,Status,...)");
  const auto big = parse_program_spec("99999999999999999999:A");
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.error().message.find("positive integer"), std::string::npos);
  const auto twice = parse_program_specs({"3:A", "4:B", "3:C"});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message, "'3:C': program 3 is given twice");
  EXPECT_TRUE(parse_program_specs({}).ok());
}

}  // namespace
}  // namespace fake

// marketo-syncd check-config --online against fake-marketo: every export's fields are checked
// against its entity's describe answer (activities against the fixed columns), an unknown field
// or custom object exits 78 naming the sync and the field, refused credentials exit 78 too.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "integration/cli/run_process.hpp"
#include "support/fake_marketo.hpp"
#include "support/temp_dir.hpp"

namespace msync::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CheckConfigOnline : public ::testing::Test {
 protected:
  // A configuration against the fake with these export sections (YAML list items).
  std::string write(const std::string& exports, const std::string& secret = "demo-secret") {
    const auto path = dir_.path() / "online.yaml";
    std::ofstream(path, std::ios::binary) << "marketo:\n"
                                          << "  base_url: " << fake_.url() << "\n"
                                          << "  client_id: demo-client\n"
                                          << "  client_secret: " << secret << "\n"
                                          << "state_db: state.db\n"
                                          << "staging_dir: staging\n"
                                          << "exports:\n"
                                          << exports;
    return path.string();
  }

  Outcome check(const std::string& path) {
    return run_process({syncd(), "check-config", "--online", "--config", path}, {},
                       {"MARKETO_BASE_URL", "MARKETO_CLIENT_SECRET", "MARKETO_CLIENT_ID"});
  }

  static std::string section(const std::string& name, const std::string& entity, const std::string& fields,
                             const std::string& extra) {
    return "  - name: " + name + "\n    entity: " + entity + "\n" + (fields.empty() ? "" : "    fields: " + fields + "\n") +
           extra;
  }

  static inline const std::string kWindow = "    filter: updatedAt\n    start: 2024-01-01T00:00:00Z\n";

  test_support::TempDir dir_;
  test_support::FakeMarketo fake_{{}};
};

TEST_F(CheckConfigOnline, KnownFieldsOfEveryEntityPass) {
  const auto path = write(
      section("people", "leads", "[id, email, firstName]", "    filter: createdAt\n    start: 2024-01-01T00:00:00Z\n") +
      section("clicks", "activities", "", "    filter: createdAt\n    start: 2024-01-01T00:00:00Z\n") +
      section("members", "program_members", "[leadId, programId, statusName]", "    program_ids: [1001]\n    filter: programIds\n") +
      section("cars", "custom_objects", "[marketoGUID, vin, model]", "    api_name: car_c\n" + kWindow));
  const auto outcome = check(path);
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_THAT(outcome.out, HasSubstr("export people: 3 of 3 field(s) known to Marketo's leads describe"));
  EXPECT_THAT(outcome.out, HasSubstr("export clicks: 8 of 8 field(s) known to Marketo's fixed activity columns"));
  EXPECT_THAT(outcome.out,
              HasSubstr("export members: 3 of 3 field(s) known to Marketo's program_members describe"));
  EXPECT_THAT(outcome.out,
              HasSubstr("export cars: 3 of 3 field(s) known to Marketo's custom_objects car_c describe"));
  EXPECT_EQ(outcome.err, "");
}

TEST_F(CheckConfigOnline, UnknownFieldsAndObjectsExit78NamingSyncAndField) {
  const auto path = write(
      section("people", "leads", "[id, FirstName, favouriteColour, emial]", "    filter: createdAt\n    start: 2024-01-01T00:00:00Z\n") +
      section("more_people", "leads", "[email]", kWindow) +
      section("clicks", "activities", "[leadId, clickedAt]", "    filter: createdAt\n    start: 2024-01-01T00:00:00Z\n") +
      section("boats", "custom_objects", "[vin]", "    api_name: boat_c\n" + kWindow));
  const auto outcome = check(path);
  EXPECT_EQ(outcome.exit_code, 78) << outcome.out << outcome.err;
  EXPECT_THAT(outcome.err, HasSubstr("export people: unknown leads field 'FirstName' (did you mean 'firstName'?)\n"));
  EXPECT_THAT(outcome.err, HasSubstr("export people: unknown leads field 'favouriteColour'\n"));
  EXPECT_THAT(outcome.err, HasSubstr("export people: unknown leads field 'emial' (did you mean 'email'?)\n"));
  EXPECT_THAT(outcome.err, HasSubstr("export clicks: unknown activities field 'clickedAt'\n"));
  EXPECT_THAT(outcome.err, HasSubstr("export boats: custom_objects boat_c cannot be described: "));
  EXPECT_THAT(outcome.err, HasSubstr(path + ": 5 problem(s) found online\n"));
  EXPECT_THAT(outcome.out, HasSubstr("export more_people: 1 of 1 field(s) known to Marketo's leads describe"));
  EXPECT_THAT(outcome.err, Not(HasSubstr("more_people")));
}

TEST_F(CheckConfigOnline, RefusedCredentialsExit78WithoutTheSecret) {
  const auto path = write(section("people", "leads", "[id]", kWindow), "wrong-secret-value");
  const auto outcome = check(path);
  EXPECT_EQ(outcome.exit_code, 78) << outcome.out << outcome.err;
  EXPECT_THAT(outcome.err, HasSubstr("online check stopped: "));
  EXPECT_THAT(outcome.out + outcome.err, Not(HasSubstr("wrong-secret-value")));
}

}  // namespace
}  // namespace msync::cli_test

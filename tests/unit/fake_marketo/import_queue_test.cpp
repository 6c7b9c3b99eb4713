// The import clock and queue, the 7-day batchIds, TSV / SSV files and the membership they leave.
#include "import_fixture.hpp"

namespace fake::testing {
namespace {

class ImportQueueTest : public ImportFixture {
 protected:
  std::map<std::string, int> states(const std::vector<std::int64_t>& batches) {
    std::map<std::string, int> out;
    for (auto b : batches) ++out[import_state(b)];
    return out;
  }
};

std::set<std::string> keys(const rapidjson::Value& o) {
  std::set<std::string> out;
  for (const auto& m : o.GetObject()) out.insert(m.name.GetString());
  return out;
}

TEST_F(ImportQueueTest, BatchMovesQueuedImportingComplete) {
  start();
  const std::int64_t batch = import_file(kLannister);
  EXPECT_EQ(import_state(batch), "Queued");
  now_ += 999ms;
  EXPECT_EQ(import_state(batch), "Queued");  // import_queue_seconds = 1
  now_ += 1ms;
  const auto d = import_status(batch);
  EXPECT_EQ(std::string(d["result"][0]["status"].GetString()), "Importing");
  EXPECT_EQ(keys(d["result"][0]), (std::set<std::string>{"batchId", "importId", "status"}));
  EXPECT_EQ(error_code(json(result_file(batch, "failures"))), "1003");
  EXPECT_TRUE(members().empty());
  now_ += 1999ms;  // import_process_seconds = 2
  EXPECT_EQ(import_state(batch), "Importing");
  now_ += 1ms;
  EXPECT_EQ(import_state(batch), "Complete");
  EXPECT_EQ(members().size(), 8u);
}

TEST_F(ImportQueueTest, TenQueuedTwoImportingAndTheEleventhIsTooMany) {
  start();
  std::vector<std::int64_t> batches;
  for (int i = 0; i < 10; ++i) batches.push_back(import_file("email\nlead" + std::to_string(i) + "@x.com\n"));
  EXPECT_EQ(batches.front(), 1040);
  EXPECT_EQ(batches.back(), 1049);
  const auto refused = upload(kLannister);
  EXPECT_EQ(error_code(refused), "1016");
  EXPECT_EQ(error_message(refused), "Too many imports");
  EXPECT_EQ(states(batches), (std::map<std::string, int>{{"Queued", 10}}));
  now_ += 1s;
  EXPECT_EQ(states(batches), (std::map<std::string, int>{{"Importing", 2}, {"Queued", 8}}));
  EXPECT_EQ(import_state(1040), "Importing");  // first come, first served
  EXPECT_EQ(import_state(1041), "Importing");
  EXPECT_EQ(error_code(upload(kLannister)), "1016");  // importing ones count too
  now_ += 2s;
  EXPECT_EQ(states(batches), (std::map<std::string, int>{{"Complete", 2}, {"Importing", 2}, {"Queued", 6}}));
  EXPECT_EQ(import_state(1042), "Importing");
  const std::int64_t next = import_file(kLannister);
  EXPECT_EQ(next, 1050);
  EXPECT_EQ(error_code(upload(kLannister)), "");
  EXPECT_EQ(error_code(upload(kLannister)), "1016");
  now_ += 100s;
  EXPECT_EQ(states(batches), (std::map<std::string, int>{{"Complete", 10}}));
  EXPECT_EQ(import_state(next), "Complete");
  EXPECT_EQ(members().size(), 18u);
}

TEST_F(ImportQueueTest, QueueLimitsAndTimesAreOptions) {
  options_.max_importing = 1;
  options_.max_import_queued = 2;
  options_.import_queue_seconds = 0;
  options_.import_process_seconds = 10;
  start();
  const auto a = import_file(kLannister);
  const auto b = import_file(kLannister);
  EXPECT_EQ(error_code(upload(kLannister)), "1016");
  EXPECT_EQ(import_state(a), "Importing");
  EXPECT_EQ(import_state(b), "Queued");
  now_ += 10s;
  EXPECT_EQ(import_state(a), "Complete");
  EXPECT_EQ(import_state(b), "Importing");
}

TEST_F(ImportQueueTest, BadOptionsAreRefusedAtStart) {
  auto refused = [](Options o) {
    try {
      make_simulator(std::move(o));
    } catch (const std::invalid_argument&) {
      return true;
    }
    return false;
  };
  Options o;
  o.programs = {{1, {}}};
  EXPECT_TRUE(refused(o));
  o.programs = {{0, {"On List"}}};
  EXPECT_TRUE(refused(o));
  o = Options{};
  o.max_importing = 0;
  EXPECT_TRUE(refused(o));
  o = Options{};
  o.max_import_queued = 1;
  EXPECT_TRUE(refused(o));
  o = Options{};
  o.import_process_seconds = -1;
  EXPECT_TRUE(refused(o));
}

TEST_F(ImportQueueTest, BatchIdsExpireAfterSevenDaysButMembershipStays) {
  start();
  const std::int64_t batch = import_file(kLannister);
  now_ += std::chrono::days{7} - 1ms;
  token_ = fetch_token();
  EXPECT_EQ(import_state(batch), "Complete");
  EXPECT_EQ(result_file(batch, "failures").status, 200u);
  now_ += 1ms;
  const auto d = import_status(batch);
  EXPECT_EQ(error_code(d), "1003");
  EXPECT_EQ(error_message(d), "Import batch 1040 not found");
  EXPECT_EQ(error_code(json(result_file(batch, "warnings"))), "1003");
  EXPECT_EQ(members().size(), 8u);
  EXPECT_EQ(import_file(kLannister), 1041);  // ids are never reused
}

TEST_F(ImportQueueTest, FileImportedTwiceCountsEachImport) {
  start();
  import_file(kLannister);
  now_ += 3s;
  import_file(kLannister, "csv", "Attended");
  import_file("email\nNEW@lannister.com\nTYWIN@LANNISTER.COM\n", "csv", "Registered");
  now_ += 3s;
  const auto m = members();
  ASSERT_EQ(m.size(), 9u);
  for (const auto& p : m) {
    if (p.email == "tywin@lannister.com") {
      EXPECT_EQ(p.imports, 3u);
    } else if (p.email == "new@lannister.com") {
      EXPECT_EQ(p.imports, 1u);
      EXPECT_EQ(p.status, "Registered");
    } else {
      EXPECT_EQ(p.imports, 2u) << p.email;
      EXPECT_EQ(p.status, "Attended") << p.email;
    }
  }
  EXPECT_TRUE(sim_->program_members(9999, now_).empty());
}

TEST_F(ImportQueueTest, TsvImportAnswersTsvFiles) {
  start();
  const std::int64_t batch = import_file(
      "email\tcompany\tleadScore\n"
      "a@x.com\t\"Tab\tSeparated Ltd\"\t5\n"
      "bad\tAcme, Inc.\t5\n"
      "c@x.com\t\"Line\nBreak\"\tmany\n",
      "tsv");
  now_ += 3s;
  EXPECT_EQ(std::string(import_status(batch)["result"][0]["message"].GetString()),
            "Import completed with errors, 2 records imported (2 members), 1 failed, 1 warning.");
  const auto failures = result_file(batch, "failures");
  EXPECT_EQ(header(failures, "Content-Type"), "text/tab-separated-values");
  EXPECT_EQ(failures.body,
            "email\tcompany\tleadScore\tImport Failure Reason\n"
            "c@x.com\t\"Line\nBreak\"\tmany\tInvalid data type in field Lead Score\n");
  EXPECT_EQ(result_file(batch, "warnings").body,
            "email\tcompany\tleadScore\tImport Warning Reason\n"
            "bad\tAcme, Inc.\t5\tInvalid email address\n");
}

TEST_F(ImportQueueTest, SsvImportWithCrlfLines) {
  start();
  const std::int64_t batch = import_file("email;firstName;leadScore\r\na@x.com;Ann;1\r\nb@x.com;\"B;B\";x\r\n", "ssv");
  now_ += 3s;
  EXPECT_EQ(std::string(import_status(batch)["result"][0]["message"].GetString()),
            "Import completed with errors, 1 records imported (1 members), 1 failed");
  EXPECT_EQ(result_file(batch, "failures").body,
            "email;firstName;leadScore;Import Failure Reason\n"
            "b@x.com;\"B;B\";x;Invalid data type in field Lead Score\n");
  ASSERT_EQ(members().size(), 1u);
  EXPECT_EQ(members()[0].email, "a@x.com");
}

TEST_F(ImportQueueTest, UnreadableFileFailsTheImport) {
  start();
  const std::int64_t batch = import_file("email,title\na@x.com,CEO\nb@x.com,\"unterminated\n");
  now_ += 3s;
  const auto d = import_status(batch);
  const auto& job = d["result"][0];
  EXPECT_EQ(std::string(job["status"].GetString()), "Failed");
  EXPECT_EQ(std::string(job["message"].GetString()),
            "Import failed: the file could not be read: unterminated quoted value starting on line 3");
  EXPECT_EQ(job["numOfLeadsProcessed"].GetInt(), 0);
  EXPECT_TRUE(members().empty());  // nothing of a failed file is imported
}

}  // namespace
}  // namespace fake::testing

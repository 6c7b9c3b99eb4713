// The seed's program member import examples, answer for answer.
#include "import_fixture.hpp"

namespace fake::testing {
namespace {

class ImportSeedTest : public ImportFixture {};

// The request exactly as the seed prints it: LF line breaks, a blank line before the closing
// boundary, format and programMemberStatus in the query string, only the file in the body.
TEST_F(ImportSeedTest, SeedRequestQueuesBatchShapedLikeSeed) {
  start();
  const std::string body = "--" + kSeedBoundary + "\n" +
                           "Content-Disposition: form-data; name=\"file\"; filename=\"Lead-House-Lannister.csv\"\n"
                           "Content-Type: text/csv\n\n" + kLannister + "\n--" + kSeedBoundary + "--\n";
  const auto r = post_import(body, "1001", "?format=csv&programMemberStatus=On%20List");
  EXPECT_TRUE(same_as_seed(r, R"json({
    "requestId": "17f4a#16f87f87325",
    "result": [ { "batchId": 1040, "importId": "1040", "status": "Queued" } ],
    "success": true })json", 1040));
  EXPECT_EQ(r.body.find("\"batchId\":1040,\"importId\":\"1040\",\"status\":\"Queued\"") != std::string::npos, true)
      << r.body;
}

TEST_F(ImportSeedTest, LannisterFileImportsEightMembersWithSeedStatusBody) {
  start();
  const std::int64_t batch = import_file(kLannister);  // as the seed's curl command sends it
  ASSERT_EQ(batch, 1040);
  EXPECT_TRUE(members().empty());
  now_ += 3s;
  const auto r = send("GET", "/bulk/v1/program/members/import/1040/status.json");
  EXPECT_TRUE(same_as_seed(r, R"json({
    "requestId": "e0cb#16f87f8b177",
    "result": [ { "batchId": 1040, "importId": "1040", "status": "Complete",
                  "numOfLeadsProcessed": 8, "numOfRowsFailed": 0, "numOfRowsWithWarning": 0,
                  "message": "Import succeeded, 8 records imported (8 members)" } ],
    "success": true })json", batch));
  const auto m = members();
  ASSERT_EQ(m.size(), 8u);
  std::set<std::string> emails;
  for (const auto& p : m) {
    emails.insert(p.email);
    EXPECT_EQ(p.status, "On List");
    EXPECT_EQ(p.imports, 1u);
  }
  EXPECT_EQ(emails, (std::set<std::string>{"cersei@lannister.com", "dorna@lannister.com", "jamie@lannister.com",
                                           "joanna@lannister.com", "kevan@lannister.com", "lancel@lannister.com",
                                           "tyrion@lannister.com", "tywin@lannister.com"}));
  EXPECT_EQ(result_file(batch, "failures").body, "firstName,lastName,email,title,company,leadScore,Import Failure Reason\n");
  EXPECT_EQ(result_file(batch, "warnings").body, "firstName,lastName,email,title,company,leadScore,Import Warning Reason\n");
}

TEST_F(ImportSeedTest, TargaryenBadLeadScoreFailsExactlyAsSeed) {
  start();
  const std::int64_t batch = import_file(kTargaryenBadScore);
  now_ += 3s;
  EXPECT_TRUE(same_as_seed(send("GET", "/bulk/v1/program/members/import/" + std::to_string(batch) + "/status.json"),
                           R"json({
    "requestId": "4c2d#16f8b32c8ef",
    "result": [ { "batchId": 1046, "importId": "1046", "status": "Complete",
                  "numOfLeadsProcessed": 0, "numOfRowsFailed": 1, "numOfRowsWithWarning": 0,
                  "message": "Import completed with errors, 0 records imported (0 members), 1 failed" } ],
    "success": true })json", batch));
  const auto failures = result_file(batch, "failures");
  EXPECT_EQ(failures.status, 200u);
  EXPECT_EQ(header(failures, "Content-Type"), "text/csv");
  EXPECT_EQ(failures.body, kBadScoreFailures);
  EXPECT_TRUE(members().empty());
}

TEST_F(ImportSeedTest, TargaryenBadEmailWarnsExactlyAsSeedAndIsImported) {
  start();
  const std::int64_t batch = import_file(kTargaryenBadEmail);
  now_ += 3s;
  EXPECT_TRUE(same_as_seed(send("GET", "/bulk/v1/program/members/import/" + std::to_string(batch) + "/status.json"),
                           R"json({
   "requestId":"4ca1#16f883c2003",
   "result":[ { "batchId":1041, "importId":"1041", "status":"Complete",
                "numOfLeadsProcessed":1, "numOfRowsFailed":0, "numOfRowsWithWarning":1,
                "message":"Import succeeded, 1 records imported (1 members), 1 warning." } ],
   "success":true })json", batch));
  EXPECT_EQ(result_file(batch, "warnings").body, kBadEmailWarnings);
  EXPECT_EQ(result_file(batch, "failures").body,
            "firstName,lastName,email,title,company,leadScore,Import Failure Reason\n");
  ASSERT_EQ(members().size(), 1u);
  EXPECT_EQ(members()[0].email, "invalid_email");
}

TEST_F(ImportSeedTest, FailuresAndWarningsTogetherAreCountedAndWorded) {
  start();
  const std::int64_t batch = import_file(
      "email,leadScore,createdAt\n"
      "a@x.com,1,2024-01-01T00:00:00Z\n"
      "b@x.com,1.5,\n"
      "not-an-email,7,2024-02-30\n"
      "c@x.com,,2024-02-03\n"
      "d@x.com,,yesterday\n"
      "broken\n");
  now_ += 3s;
  const auto d = import_status(batch);
  const auto& job = d["result"][0];
  EXPECT_EQ(job["numOfLeadsProcessed"].GetInt(), 2);
  EXPECT_EQ(job["numOfRowsFailed"].GetInt(), 4);
  EXPECT_EQ(job["numOfRowsWithWarning"].GetInt(), 0);
  EXPECT_EQ(std::string(job["message"].GetString()),
            "Import completed with errors, 2 records imported (2 members), 4 failed");
  EXPECT_EQ(result_file(batch, "failures").body,
            "email,leadScore,createdAt,Import Failure Reason\n"
            "b@x.com,1.5,,Invalid data type in field Lead Score\n"
            "not-an-email,7,2024-02-30,Invalid data type in field Created At\n"
            "d@x.com,,yesterday,Invalid data type in field Created At\n"
            "broken,\"Invalid number of fields: 1 in the row, 3 in the header\"\n");  // quoted: it holds commas

  const std::int64_t second = import_file("email,title\nz@x.com,CEO\nbad1,CEO\nbad2,\"VP, Sales\"\nz@X.com,CTO\n");
  now_ += 3s;
  EXPECT_EQ(std::string(import_status(second)["result"][0]["message"].GetString()),
            "Import succeeded, 4 records imported (3 members), 2 warnings.");
  EXPECT_EQ(result_file(second, "warnings").body,
            "email,title,Import Warning Reason\n"
            "bad1,CEO,Invalid email address\n"
            "bad2,\"VP, Sales\",Invalid email address\n");
}

}  // namespace
}  // namespace fake::testing

// Program member imports through the real binary over HTTP: the seed's files uploaded as its curl
// command does, answered as the seed shows, and the membership they leave (/admin/program-members);
// --program, the import queue and the file size limit.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "fake_marketo/testing/import_form.hpp"
#include "fake_marketo_process.hpp"
#include "marketo_session.hpp"

namespace fake_test {
namespace {

using fake::testing::curl_parts;
using fake::testing::kSeedContentType;
using fake::testing::multipart;

const std::vector<std::string> fast_imports{"--leads", "10", "--import-queue-seconds", "0",
                                            "--import-process-seconds", "0.05"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

class Importer {
 public:
  explicit Importer(const std::string& url) : client_(url), marketo_(client_), token_(marketo_.token()) {}

  rapidjson::Document upload(const std::string& file, const std::string& status = "On List",
                             const std::string& program = "1001") {
    return parse_json(marketo_.import(token_, program, multipart(curl_parts(file, "csv", status)), kSeedContentType).body);
  }
  // The batchId of an accepted upload (throws when refused).
  std::int64_t batch_of(const std::string& file, const std::string& status = "On List",
                        const std::string& program = "1001") {
    const auto d = upload(file, status, program);
    if (!d["success"].GetBool()) throw std::runtime_error("upload refused: " + refusal(d));
    EXPECT_EQ(std::string(d["result"][0]["status"].GetString()), "Queued");
    return d["result"][0]["batchId"].GetInt64();
  }
  // The finished batch's status object members.
  rapidjson::Document finished(std::int64_t batch) {
    marketo_.wait_for_import(token_, batch, "Complete");
    return marketo_.import_status(token_, batch);
  }
  Reply result_file(std::int64_t batch, const std::string& which) { return marketo_.import_call(token_, batch, which); }

  // email -> status, and each member's import count, from the admin endpoint.
  std::map<std::string, std::string> members(std::int64_t program, unsigned imports_each = 1) {
    const Reply r = client_.get("/admin/program-members?programId=" + std::to_string(program));
    EXPECT_EQ(r.status, 200u);
    std::map<std::string, std::string> out;
    const auto listed = parse_json(r.body);
    for (const auto& m : listed["members"].GetArray()) {
      out[m["email"].GetString()] = m["status"].GetString();
      EXPECT_EQ(m["imports"].GetUint(), imports_each) << m["email"].GetString();
    }
    return out;
  }

  static std::string refusal(const rapidjson::Document& d) {
    if (d["success"].GetBool()) return "";
    return std::string(d["errors"][0]["code"].GetString()) + " " + d["errors"][0]["message"].GetString();
  }

 private:
  TestClient client_;
  MarketoSession marketo_;
  std::string token_;
};

// m[key], or "<none>": a failed expectation rather than an exception.
std::string at(const std::map<std::string, std::string>& m, const std::string& key) {
  const auto it = m.find(key);
  return it == m.end() ? "<none>" : it->second;
}

std::string message_of(const rapidjson::Document& status) { return status["result"][0]["message"].GetString(); }
int count_of(const rapidjson::Document& status, const char* key) { return status["result"][0][key].GetInt(); }

TEST(FakeMarketoImport, SeedFilesAnswerAsTheSeedShows) {
  FakeMarketoProcess server(fast_imports);
  Importer importer(server.url());

  const std::int64_t lannister = importer.batch_of(fake::testing::kLannister);
  EXPECT_EQ(lannister, 1040);  // the seed's first batchId
  const auto done = importer.finished(lannister);
  EXPECT_EQ(message_of(done), fake::testing::kLannisterMessage);
  EXPECT_EQ(count_of(done, "numOfLeadsProcessed"), 8);
  EXPECT_EQ(count_of(done, "numOfRowsFailed"), 0);
  EXPECT_EQ(count_of(done, "numOfRowsWithWarning"), 0);
  const auto members = importer.members(1001);
  EXPECT_EQ(members.size(), 8u);
  for (const char* email : {"joanna", "tywin", "cersei", "jamie", "tyrion", "kevan", "dorna", "lancel"})
    EXPECT_EQ(at(members, std::string(email) + "@lannister.com"), "On List") << email;

  const std::int64_t score = importer.batch_of(fake::testing::kTargaryenBadScore);
  const auto failed = importer.finished(score);
  EXPECT_EQ(message_of(failed), fake::testing::kBadScoreMessage);
  EXPECT_EQ(count_of(failed, "numOfRowsFailed"), 1);
  const Reply failures = importer.result_file(score, "failures");
  EXPECT_EQ(failures.status, 200u);
  EXPECT_EQ(at(failures.headers, "content-type"), "text/csv");
  EXPECT_EQ(failures.body, fake::testing::kBadScoreFailures);
  EXPECT_EQ(importer.members(1001).size(), 8u);  // the failed row made no member

  const std::int64_t email = importer.batch_of(fake::testing::kTargaryenBadEmail);
  const auto warned = importer.finished(email);
  EXPECT_EQ(message_of(warned), fake::testing::kBadEmailMessage);
  EXPECT_EQ(count_of(warned, "numOfRowsWithWarning"), 1);
  EXPECT_EQ(importer.result_file(email, "warnings").body, fake::testing::kBadEmailWarnings);
  EXPECT_EQ(at(importer.members(1001), "invalid_email"), "On List");  // a warned row is imported
}

TEST(FakeMarketoImport, ProgramFlagsReplaceTheDefaultProgram) {
  FakeMarketoProcess server(with(fast_imports, {"--program", "2001:Invited,Attended", "--program", "2002:On List"}));
  Importer importer(server.url());
  EXPECT_EQ(Importer::refusal(importer.upload(fake::testing::kLannister)), "1003 Program 1001 not found");
  EXPECT_EQ(Importer::refusal(importer.upload(fake::testing::kLannister, "On List", "2001")),
            "1003 Invalid programMemberStatus 'On List' for program 2001: use one of Invited, Attended");
  const std::int64_t batch = importer.batch_of(fake::testing::kLannister, "attended", "2001");
  importer.finished(batch);
  const auto members = importer.members(2001);
  EXPECT_EQ(members.size(), 8u);
  EXPECT_EQ(at(members, "tyrion@lannister.com"), "Attended");  // as the program spells it
  EXPECT_TRUE(importer.members(2002).empty());
  EXPECT_TRUE(importer.members(1001).empty());
}

TEST(FakeMarketoImport, FileSizeLimitAndTheEleventhImportIsTooMany) {
  FakeMarketoProcess server({"--leads", "10", "--import-queue-seconds", "1000", "--import-max-bytes", "200"});
  Importer importer(server.url());
  const auto file_of = [](std::size_t bytes) {
    std::string f = "email,firstName\nx@y.com,";
    f.append(bytes - f.size() - 1, 'a');
    return f + "\n";
  };
  EXPECT_EQ(Importer::refusal(importer.upload(file_of(200))),
            "1003 File of 200 bytes is too large: an import file must be smaller than 200 bytes");
  EXPECT_EQ(Importer::refusal(importer.upload(fake::testing::kLannister)),
            "1003 File of 569 bytes is too large: an import file must be smaller than 200 bytes");
  for (int i = 0; i < 10; ++i) EXPECT_EQ(importer.batch_of(file_of(199)), 1040 + i);
  const auto refused = importer.upload(file_of(199));
  EXPECT_EQ(Importer::refusal(refused), "1016 Too many imports");
}

}  // namespace
}  // namespace fake_test

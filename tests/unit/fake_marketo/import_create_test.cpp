// Uploading an import: what is validated at once, and how each refusal answers.
#include "import_fixture.hpp"

namespace fake::testing {
namespace {

class ImportCreateTest : public ImportFixture {
 protected:
  // The refusal's "code message" ("" when the upload was accepted).
  std::string refusal(const HttpResponse& r) {
    const auto d = json(r);
    return d["success"].GetBool() ? "" : error_code(d) + " " + error_message(d);
  }
  std::string refusal(const std::vector<Part>& parts, const std::string& program = "1001",
                      const std::string& query = {}) {
    return refusal(post_import(multipart(parts), program, query));
  }
};

TEST_F(ImportCreateTest, UnknownProgramIsRefused) {
  start();
  EXPECT_EQ(refusal(curl_parts(kLannister), "4242"), "1003 Program 4242 not found");
  EXPECT_EQ(refusal(curl_parts(kLannister), "abc"), "1003 Program abc not found");
}

TEST_F(ImportCreateTest, ConfiguredProgramsAndStatusesAreTheOnesKnown) {
  options_.programs = {{7, {"Invited", "Attended"}}};
  start();
  EXPECT_EQ(refusal(curl_parts(kLannister), "1001"), "1003 Program 1001 not found");
  EXPECT_EQ(refusal(curl_parts(kLannister, "csv", "On List"), "7"),
            "1003 Invalid programMemberStatus 'On List' for program 7: use one of Invited, Attended");
  EXPECT_EQ(refusal(curl_parts(kLannister, "csv", "attended"), "7"), "");
  now_ += 3s;
  ASSERT_EQ(members(7).size(), 8u);
  EXPECT_EQ(members(7)[0].status, "Attended");  // the program's spelling
}

TEST_F(ImportCreateTest, StatusMustBeOneOfTheProgramsStatuses) {
  start();
  EXPECT_EQ(refusal(curl_parts(kLannister, "csv", "Won")),
            "1003 Invalid programMemberStatus 'Won' for program 1001: use one of On List, Registered, Attended");
  EXPECT_EQ(refusal(curl_parts(kLannister, "csv", "")),
            "1003 Invalid programMemberStatus '' for program 1001: use one of On List, Registered, Attended");
  EXPECT_EQ(refusal(curl_parts(kLannister, "csv", "registered")), "");
}

TEST_F(ImportCreateTest, FormatIsCsvTsvOrSsvInAnyCase) {
  start();
  EXPECT_EQ(refusal(curl_parts(kLannister, "xls")), "1003 Invalid format 'xls': use CSV, TSV or SSV");
  EXPECT_EQ(refusal(curl_parts(kLannister, "CSV")), "");
  EXPECT_EQ(refusal(curl_parts(kLannister, "Csv")), "");
  EXPECT_EQ(refusal(curl_parts("email\ta\n", "tsv")), "1006 Field 'a' not found");
  EXPECT_EQ(refusal(curl_parts("email;firstName\n", "SsV")), "");
}

TEST_F(ImportCreateTest, MissingParametersAreNamed) {
  start();
  auto parts = curl_parts(kLannister);
  EXPECT_EQ(refusal({parts[1], parts[2]}), "1003 Missing required parameter 'format'");
  EXPECT_EQ(refusal({parts[0], parts[2]}), "1003 Missing required parameter 'programMemberStatus'");
  EXPECT_EQ(refusal({parts[0], parts[1]}), "1003 Missing required parameter 'file'");
}

TEST_F(ImportCreateTest, QueryStringCarriesFormatAndStatusToo) {
  start();
  const std::vector<Part> file_only{{"file", kLannister, "x.csv", "text/csv"}};
  EXPECT_EQ(refusal(file_only, "1001", "?format=csv&programMemberStatus=On+List"), "");
  EXPECT_EQ(refusal(file_only, "1001", "?format=TSV&programMemberStatus=Attended"),
            "1006 Field 'firstName,lastName,email,title,company,leadScore' not found");  // no tabs: one name
  // The form field wins over the query string.
  EXPECT_EQ(refusal(curl_parts(kLannister, "csv", "Attended"), "1001", "?format=xls&programMemberStatus=Won"), "");
}

TEST_F(ImportCreateTest, HeaderMustNameFieldsAndHoldEmail) {
  start();
  EXPECT_EQ(refusal(curl_parts("firstName,lastName\nA,B\n")),
            "1003 The header has no email column: every record needs an email address");
  EXPECT_EQ(refusal(curl_parts("email,favouriteColour\na@b.com,red\n")), "1006 Field 'favouriteColour' not found");
  EXPECT_EQ(refusal(curl_parts("email,Email\n")), "1006 Field 'Email' not found");  // names are case-sensitive
  EXPECT_EQ(refusal(curl_parts("email,title,email\n")), "1003 Column 'email' appears twice in the header");
  EXPECT_EQ(refusal(curl_parts("")), "1003 The file is empty: it needs a header row of field names");
  EXPECT_EQ(refusal(curl_parts("\n\r\n")), "1003 The file is empty: it needs a header row of field names");
  EXPECT_EQ(refusal(curl_parts("\"email,title\n")),
            "1003 The header row cannot be read: unterminated quoted value starting on line 1");
  EXPECT_EQ(refusal(curl_parts("\xEF\xBB\xBF\"email\",\"first\"\"Name\"\n")), "1006 Field 'first\"Name' not found");
  EXPECT_EQ(refusal(curl_parts("\xEF\xBB\xBF\"email\",id,createdAt,updatedAt,phone,city,country\n")), "");
}

TEST_F(ImportCreateTest, FileOfTenMegabytesOrMoreIsRefused) {
  start();
  auto file_of = [](std::size_t bytes) {
    std::string f = "email,firstName\nx@y.com,";
    f.append(bytes - f.size() - 1, 'a');
    return f + "\n";
  };
  const std::string limit = file_of(10000000);
  ASSERT_EQ(limit.size(), 10000000u);
  EXPECT_EQ(refusal(curl_parts(limit)),
            "1003 File of 10000000 bytes is too large: an import file must be smaller than 10000000 bytes");
  EXPECT_EQ(refusal(curl_parts(file_of(9999999))), "");
  now_ += 3s;
  EXPECT_EQ(import_state(1040), "Complete");
  EXPECT_EQ(members().size(), 1u);
}

TEST_F(ImportCreateTest, TokenRulesAreThoseOfExports) {
  start();
  const std::string body = multipart(curl_parts(kLannister));
  const std::string type = "multipart/form-data; boundary=" + kSeedBoundary;
  const std::string path = "/bulk/v1/program/1001/members/import.json";
  auto code = [&](const HttpResponse& r) { return error_code(json(r)); };
  EXPECT_EQ(code(sim_->handle({"POST", path, {{"Content-Type", type}}, body}, now_)), "600");
  EXPECT_EQ(code(post_import(body, "1001", "?access_token=" + token_)), "601");
  auto with_form_token = curl_parts(kLannister);
  with_form_token.push_back({"access_token", token_, {}, {}});  // as the seed's curl example sends it
  const auto r = post_import(multipart(with_form_token));
  EXPECT_EQ(code(r), "601");
  EXPECT_EQ(r.body.find(token_), std::string::npos);
  EXPECT_EQ(code(send("GET", path)), "605");
  sim_->expire_tokens();
  EXPECT_EQ(code(post_import(body)), "602");
  EXPECT_EQ(code(send("GET", "/bulk/v1/program/members/import/1040/status.json")), "602");
}

TEST_F(ImportCreateTest, BatchesAreSeenOnlyByTheirApiUser) {
  options_.extra_clients = {{"other", "other-secret"}};
  start();
  const std::int64_t batch = import_file(kLannister);
  const std::string mine = token_;
  token_ = fetch_token("other", "other-secret");
  EXPECT_EQ(import_state(batch), "error 1003");
  EXPECT_EQ(error_message(import_status(batch)), "Import batch 1040 not found");
  EXPECT_EQ(error_code(json(result_file(batch, "failures"))), "1003");
  token_ = mine;
  EXPECT_EQ(import_state(batch), "Queued");
}

TEST_F(ImportCreateTest, UnknownPathsNearTheImportRoutesAre610) {
  start();
  for (const std::string path : {"/bulk/v1/program/members/import/1040/file.json",
                                 "/bulk/v1/program/members/import/status.json",
                                 "/bulk/v1/program/1001/members/import/x.json",
                                 "/bulk/v1/program//members/import.json",
                                 "/bulk/v1/program/1/2/members/import.json"})
    EXPECT_EQ(error_code(call("GET", path)), "610") << path;
  EXPECT_EQ(error_message(call("GET", "/bulk/v1/program/members/import/abc/status.json")),
            "Import batch abc not found");
}

}  // namespace
}  // namespace fake::testing

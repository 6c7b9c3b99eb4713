// The multipart/form-data parser, directly and through the import endpoint.
#include "fake_marketo/sim/multipart.hpp"

#include "import_fixture.hpp"

namespace fake::testing {
namespace {

using Parsed = std::variant<std::vector<FormPart>, MarketoError>;

std::vector<FormPart> parts_of(const Parsed& p) {
  if (const auto* e = std::get_if<MarketoError>(&p)) ADD_FAILURE() << e->code << " " << e->message;
  const auto* parts = std::get_if<std::vector<FormPart>>(&p);
  return parts ? *parts : std::vector<FormPart>{};
}

std::string refusal(const Parsed& p) {
  const auto* e = std::get_if<MarketoError>(&p);
  return e ? e->code + " " + e->message : "";
}

TEST(MultipartTest, CurlShapedBodyGivesItsParts) {
  const auto parts = parts_of(parse_multipart("multipart/form-data; boundary=" + kSeedBoundary,
                                              multipart(curl_parts("email\na@b.com\n"))));
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].name, "format");
  EXPECT_EQ(parts[0].data, "csv");
  EXPECT_EQ(parts[0].filename, "");
  EXPECT_EQ(parts[1].data, "On List");
  EXPECT_EQ(parts[2].name, "file");
  EXPECT_EQ(parts[2].filename, "Lead-House-Lannister.csv");
  EXPECT_EQ(parts[2].content_type, "text/csv");
  EXPECT_EQ(parts[2].data, "email\na@b.com\n");
}

TEST(MultipartTest, BinaryContentIsKeptByteForByte) {
  std::string binary("\0\r\n--not-the-boundary\r\n\xff\r", 26);
  binary += "--" + kSeedBoundary.substr(0, 20);  // a prefix of the delimiter is content
  binary += "\r\n\r\n";
  const auto parts = parts_of(parse_multipart("multipart/form-data; boundary=" + kSeedBoundary,
                                              multipart({{"file", binary, "x.bin", "application/octet-stream"}})));
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].data, binary);
  EXPECT_EQ(parts[0].data.size(), binary.size());
}

TEST(MultipartTest, ContentTypeParametersAreParsedLikeHeaders) {
  const std::string body = multipart({{"a", "1", {}, {}}}, "odd boundary;x");
  EXPECT_EQ(parts_of(parse_multipart("multipart/form-data; boundary=\"odd boundary;x\"", body)).size(), 1u);
  const std::string plain = multipart({{"a", "1", {}, {}}}, "xyz");
  EXPECT_EQ(parts_of(parse_multipart("Multipart/Form-Data;charset=utf-8;  BOUNDARY=xyz", plain))[0].data, "1");
  const HeaderValue v = parse_header_value(R"(form-data; name="file"; filename="a;b \"c\".csv"; x=y)");
  EXPECT_EQ(v.value, "form-data");
  ASSERT_NE(v.param("filename"), nullptr);
  EXPECT_EQ(*v.param("filename"), "a;b \"c\".csv");
  EXPECT_EQ(*v.param("x"), "y");
  EXPECT_EQ(v.param("nope"), nullptr);
}

TEST(MultipartTest, LfFramingPreambleEpilogueAndEmptyParts) {
  const std::string body = "This is a preamble.\r\n" +
                           multipart({{"empty", "", {}, {}}, {"file", "x\n", "q.csv", {}}}, "b", "\n") +
                           "and an epilogue\n";
  const auto parts = parts_of(parse_multipart("multipart/form-data; boundary=b", body));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].data, "");
  EXPECT_EQ(parts[1].data, "x\n");
  EXPECT_EQ(parts[1].filename, "q.csv");
}

TEST(MultipartTest, MalformedBodiesAre609WithTheReason) {
  const std::string ok = multipart({{"a", "1", {}, {}}}, "b");
  EXPECT_EQ(refusal(parse_multipart("application/x-www-form-urlencoded", "a=1")),
            "609 Invalid multipart/form-data body: the Content-Type is 'application/x-www-form-urlencoded', "
            "not multipart/form-data");
  EXPECT_EQ(refusal(parse_multipart("multipart/form-data", ok)),
            "609 Invalid multipart/form-data body: the Content-Type has no boundary parameter");
  EXPECT_EQ(refusal(parse_multipart("multipart/form-data; boundary=" + std::string(71, 'x'), ok)),
            "609 Invalid multipart/form-data body: the boundary is longer than 70 characters");
  EXPECT_EQ(refusal(parse_multipart("multipart/form-data; boundary=zzz", ok)),
            "609 Invalid multipart/form-data body: the boundary from the Content-Type never occurs");
  EXPECT_EQ(refusal(parse_multipart("multipart/form-data; boundary=b", ok.substr(0, ok.size() - 7))),
            "609 Invalid multipart/form-data body: part 1 is not followed by a boundary (the body ends "
            "without its closing boundary)");
  EXPECT_EQ(refusal(parse_multipart("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data")),
            "609 Invalid multipart/form-data body: part 1: its headers never end with an empty line");
  EXPECT_EQ(refusal(parse_multipart("multipart/form-data; boundary=b", "--b\r\nX-Thing: 1\r\n\r\nv\r\n--b--")),
            "609 Invalid multipart/form-data body: part 1 has no Content-Disposition name");
  EXPECT_EQ(refusal(parse_multipart("multipart/form-data; boundary=b",
                                    "--b\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--b--")),
            "609 Invalid multipart/form-data body: part 1: Content-Disposition is 'attachment', not form-data");
  EXPECT_EQ(refusal(parse_multipart("multipart/form-data; boundary=b", "--b\r\nbroken header\r\n\r\nv\r\n--b--")),
            "609 Invalid multipart/form-data body: part 1: header line 'broken header' has no ':'");
  EXPECT_EQ(refusal(parse_multipart("multipart/form-data; boundary=b", "--bjunk\r\n")),
            "609 Invalid multipart/form-data body: a boundary line is not followed by a line break (part 1)");
}

class ImportMultipartTest : public ImportFixture {};

TEST_F(ImportMultipartTest, EndpointAnswersParserRefusalsAndMissingHeaders) {
  start();
  const std::string body = multipart(curl_parts(kLannister));
  auto refusal_of = [&](const HttpResponse& r) {
    const auto d = json(r);
    return error_code(d) + " " + error_message(d);
  };
  EXPECT_EQ(refusal_of(send("POST", "/bulk/v1/program/1001/members/import.json", body)),
            "609 Invalid multipart/form-data body: the request has no Content-Type");
  EXPECT_EQ(refusal_of(post_import(body.substr(0, body.size() / 2))),
            "609 Invalid multipart/form-data body: part 3 is not followed by a boundary (the body ends "
            "without its closing boundary)");
  EXPECT_EQ(refusal_of(post_import(body, "1001", {}, "multipart/form-data")),
            "609 Invalid multipart/form-data body: the Content-Type has no boundary parameter");
}

TEST_F(ImportMultipartTest, QuotedBoundaryLfFramingAndOddFilenameImport) {
  start();
  const std::string body = multipart(curl_parts(kLannister, "csv", "On List", "House \"L\"; 1.csv"), "=_b =", "\n");
  const auto d = json(post_import(body, "1001", {}, "multipart/form-data; boundary=\"=_b =\""));
  EXPECT_EQ(error_code(d), "");
  now_ += 3s;
  EXPECT_EQ(std::string(import_status(1040)["result"][0]["message"].GetString()),
            "Import succeeded, 8 records imported (8 members)");
}

}  // namespace
}  // namespace fake::testing

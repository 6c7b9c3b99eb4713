// file.json: not before Completed, the file as a slice, Range, content types, 7-day expiry, and
// agreement with expect().
#include <openssl/evp.h>

#include "sim_fixture.hpp"

namespace fake::testing {
namespace {

std::string sha256_hex(const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    static const char* hex = "0123456789abcdef";
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

class SimFileTest : public SimFixture {
 protected:
  // A completed job's id, made with `body`.
  std::string completed(const std::string& body = create_body()) {
    const std::string id = create(body);
    enqueue(id);
    now_ += 3s;
    EXPECT_EQ(status_of(id), "Completed");
    return id;
  }
};

TEST_F(SimFileTest, NotBeforeCompletedAnswers404PlainText) {
  start();
  const std::string id = create();
  for (int step = 0; step < 2; ++step) {
    const auto r = file(id);
    EXPECT_EQ(r.status, 404u);
    EXPECT_FALSE(r.file);
    EXPECT_EQ(header(r, "Content-Type").rfind("text/plain", 0), 0u);
    EXPECT_NE(r.body.front(), '{');  // not JSON
    enqueue(id);
    now_ += 1500ms;  // Processing
  }
}

TEST_F(SimFileTest, CompletedFileMatchesStatusAndExpect) {
  start();
  const std::string body = create_body();
  const std::string id = completed(body);
  const auto r = file(id);
  ASSERT_EQ(r.status, 200u);
  ASSERT_TRUE(r.file);
  EXPECT_EQ(header(r, "Content-Type"), "text/csv");
  EXPECT_EQ(header(r, "Accept-Ranges"), "bytes");
  EXPECT_EQ(header(r, "Content-Range"), "");
  EXPECT_EQ(r.file->offset, 0u);
  const std::string bytes = file_bytes(id);
  const ExpectResult truth = expect(options_.data, body);
  ASSERT_EQ(truth.error, "");
  EXPECT_EQ(bytes, truth.file);
  EXPECT_EQ(bytes.rfind("First Name,Last Name,Marketo Id,Email Address\n", 0), 0u);
  const auto s = status(id);
  const auto& job = s["result"][0];
  EXPECT_EQ(job["fileSize"].GetUint64(), bytes.size());
  EXPECT_EQ(r.file->length, bytes.size());
  EXPECT_EQ(std::string(job["fileChecksum"].GetString()), "sha256:" + sha256_hex(bytes));
  EXPECT_GT(job["numberOfRecords"].GetUint64(), 0u);
}

TEST_F(SimFileTest, ExpectToFileWritesTheSameBytes) {
  start();
  const std::string body = create_body(R"({"staticListName":"VIP"})", "SSV");
  const std::string id = completed(body);
  const std::string path = (dir_ / "expected.ssv").string();
  ASSERT_EQ(expect_to_file(options_.data, body, path), "");
  EXPECT_EQ(body_of(path), file_bytes(id));
  EXPECT_NE(expect_to_file(options_.data, "{", path), "");
}

TEST_F(SimFileTest, ContentTypeFollowsFormat) {
  start();
  EXPECT_EQ(header(file(completed(create_body(R"({"staticListId":1001})", "TSV"))), "Content-Type"),
            "text/tab-separated-values");
  EXPECT_EQ(header(file(completed(create_body(R"({"staticListId":1001})", "SSV"))), "Content-Type"),
            "text/plain");
}

TEST_F(SimFileTest, RangeFormsAnswer206WithContentRange) {
  start();
  const std::string id = completed();
  const std::string all = file_bytes(id);
  const std::string total = std::to_string(all.size());
  ASSERT_GT(all.size(), 100u);

  auto r = file(id, "bytes=10-19");
  EXPECT_EQ(r.status, 206u);
  EXPECT_EQ(header(r, "Content-Range"), "bytes 10-19/" + total);
  EXPECT_EQ(file_bytes(id, "bytes=10-19"), all.substr(10, 10));

  r = file(id, "bytes=50-");
  EXPECT_EQ(r.status, 206u);
  EXPECT_EQ(header(r, "Content-Range"), "bytes 50-" + std::to_string(all.size() - 1) + "/" + total);
  EXPECT_EQ(file_bytes(id, "bytes=50-"), all.substr(50));

  r = file(id, "bytes=-7");
  EXPECT_EQ(r.status, 206u);
  EXPECT_EQ(header(r, "Content-Range"),
            "bytes " + std::to_string(all.size() - 7) + "-" + std::to_string(all.size() - 1) + "/" + total);
  EXPECT_EQ(file_bytes(id, "bytes=-7"), all.substr(all.size() - 7));

  EXPECT_EQ(file_bytes(id, "bytes=5-999999999"), all.substr(5));  // end clamped
  EXPECT_EQ(header(file(id, "bytes=5-999999999"), "Content-Range"),
            "bytes 5-" + std::to_string(all.size() - 1) + "/" + total);
  EXPECT_EQ(file_bytes(id, "bytes=-999999999"), all);  // suffix longer than the file
}

TEST_F(SimFileTest, UnsatisfiableRangeIs416) {
  start();
  const std::string id = completed();
  const std::string total = std::to_string(file_bytes(id).size());
  for (const std::string& range : {"bytes=" + total + "-", "bytes=" + total + "-" + total + "0", std::string("bytes=-0")}) {
    const auto r = file(id, range);
    EXPECT_EQ(r.status, 416u) << range;
    EXPECT_FALSE(r.file);
    EXPECT_EQ(header(r, "Content-Range"), "bytes */" + total);
  }
}

TEST_F(SimFileTest, FilesExpireSevenDaysAfterFinishing) {
  start();
  const std::string id = completed();  // finished at kStart + 3 s
  const std::string path = file(id).file->path;
  now_ = kStart + 3s + std::chrono::days{7} - 1ms;
  token_ = fetch_token();
  EXPECT_EQ(file(id).status, 200u);
  now_ += 1ms;
  const auto r = file(id);
  EXPECT_EQ(r.status, 404u);
  EXPECT_FALSE(r.file);
  EXPECT_FALSE(std::filesystem::exists(path));  // the disk space is given back
  EXPECT_EQ(status_of(id), "Completed");
}

TEST_F(SimFileTest, UnwritableFilesDirFailsTheJobWithErrorMsg) {
  start();
  const std::string id = create();
  enqueue(id);
  std::filesystem::remove_all(dir_);  // the folder vanishes under the simulator
  now_ += 3s;
  const auto d = status(id);
  EXPECT_EQ(std::string(d["result"][0]["status"].GetString()), "Failed");
  EXPECT_TRUE(d["result"][0].HasMember("errorMsg"));
  EXPECT_TRUE(d["result"][0].HasMember("finishedAt"));
  EXPECT_FALSE(d["result"][0].HasMember("fileSize"));
  EXPECT_EQ(file(id).status, 404u);
}

TEST_F(SimFileTest, FilesAreRemovedWithTheSimulator) {
  start();
  const std::string path = file(completed()).file->path;
  ASSERT_TRUE(std::filesystem::exists(path));
  sim_.reset();
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace fake::testing

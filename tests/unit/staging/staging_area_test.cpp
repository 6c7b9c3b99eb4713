#include <gtest/gtest.h>

#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include "staging/staging.hpp"
#include "temp_dir.hpp"

namespace msync::staging {
namespace {

namespace fs = std::filesystem;
using testing::mode_of;
using testing::read_file;
using testing::TempDir;

core::Timestamp at(const char* iso) { return core::parse_iso8601(iso).value(); }

const std::string_view kContent = "id,email\n1,a@example.com\n2,null\n";
const std::string kFile = "20240101T000000Z_20240107T235959Z_ab-12.csv";

std::span<const char> bytes(std::string_view s) { return {s.data(), s.size()}; }

class StagingAreaTest : public ::testing::Test {
 protected:
  fs::path root() const { return dir_.path() / "staging"; }
  fs::path sync_dir() const { return root() / "leads_created"; }
  fs::path part_path() const { return sync_dir() / ".tmp" / (kFile + ".part"); }
  fs::path file_path() const { return sync_dir() / kFile; }
  fs::path manifest_path() const { return sync_dir() / (kFile + ".manifest.json"); }

  // Downloads kContent into the .part and returns the manifest describing it.
  Manifest download() {
    auto part = area_.open_part("leads_created", kFile);
    EXPECT_TRUE(part.ok()) << part.error().message;
    EXPECT_TRUE((*part)->write(bytes(kContent)).ok());
    Manifest m;
    m.sync = "leads_created";
    m.entity = "leads";
    m.file = kFile;
    m.filter = {"createdAt", at("2024-01-01T00:00:00Z"), at("2024-01-07T23:59:59Z"), ""};
    m.export_id = "ab-12";
    m.fields = {"id", "email"};
    m.column_headers = m.fields;
    m.records = (*part)->records();
    m.bytes = (*part)->raw_bytes();
    m.stored_bytes = (*part)->stored_bytes();
    m.sha256 = (*part)->sha256();
    m.staged_at = at("2024-01-08T00:20:00Z");
    return m;
  }

  void expect_published(const Manifest& m) {
    EXPECT_FALSE(fs::exists(part_path()));
    EXPECT_EQ(read_file(file_path()), kContent);
    auto parsed = parse_manifest(read_file(manifest_path()));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(*parsed, m);
    EXPECT_TRUE(*area_.published("leads_created", kFile));
    // Nothing left behind in the work area.
    EXPECT_TRUE(fs::is_empty(sync_dir() / ".tmp"));
  }

  TempDir dir_;
  StagingArea area_{root()};
};

TEST_F(StagingAreaTest, PathsStayInsideTheStagingDirectory) {
  auto p = area_.paths("leads_created", kFile);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->part, part_path());
  EXPECT_EQ(p->file, file_path());
  EXPECT_EQ(p->manifest, manifest_path());
  EXPECT_FALSE(area_.paths("..", kFile).ok());
  EXPECT_FALSE(area_.paths("a/b", kFile).ok());
  EXPECT_FALSE(area_.paths("leads", "../../etc/passwd").ok());
  EXPECT_FALSE(area_.open_part("../escape", kFile).ok());
  EXPECT_FALSE(fs::exists(dir_.path() / "escape"));
}

TEST_F(StagingAreaTest, PublishRenamesThenWritesTheManifest) {
  const Manifest m = download();
  EXPECT_EQ(m.records, 2u);
  EXPECT_FALSE(*area_.published("leads_created", kFile));
  auto published = area_.publish(m);
  ASSERT_TRUE(published.ok()) << published.error().message;
  EXPECT_EQ(*published, file_path());
  expect_published(m);
  // The manifest came second.
  struct stat file_st {}, manifest_st {};
  ASSERT_EQ(::stat(file_path().c_str(), &file_st), 0);
  ASSERT_EQ(::stat(manifest_path().c_str(), &manifest_st), 0);
  EXPECT_LE(file_st.st_ctim.tv_sec * 1'000'000'000LL + file_st.st_ctim.tv_nsec,
            manifest_st.st_ctim.tv_sec * 1'000'000'000LL + manifest_st.st_ctim.tv_nsec);
}

TEST_F(StagingAreaTest, ASizeMismatchPublishesNothing) {
  Manifest m = download();
  m.bytes += 1;
  auto published = area_.publish(m);
  ASSERT_FALSE(published.ok());
  EXPECT_NE(published.error().message.find("manifest says"), std::string::npos);
  EXPECT_TRUE(fs::exists(part_path()));
  EXPECT_FALSE(fs::exists(file_path()));
  EXPECT_FALSE(fs::exists(manifest_path()));
}

TEST_F(StagingAreaTest, RepublishAfterCrashBetweenRenameAndManifest) {
  const Manifest m = download();
  fs::rename(part_path(), file_path());  // the crash came right after the rename
  auto published = area_.publish(m);
  ASSERT_TRUE(published.ok()) << published.error().message;
  expect_published(m);
}

TEST_F(StagingAreaTest, RepublishAfterCrashWithAHalfWrittenManifest) {
  const Manifest m = download();
  fs::rename(part_path(), file_path());
  testing::write_file(sync_dir() / ".tmp" / (kFile + ".manifest.json.tmp"), "{\"trunc");
  auto published = area_.publish(m);
  ASSERT_TRUE(published.ok()) << published.error().message;
  expect_published(m);
}

TEST_F(StagingAreaTest, RepublishWhenAllWasDoneChangesNothing) {
  const Manifest m = download();
  ASSERT_TRUE(area_.publish(m).ok());
  Manifest later = m;
  later.staged_at = at("2024-01-09T00:00:00Z");
  auto again = area_.publish(later);
  ASSERT_TRUE(again.ok()) << again.error().message;
  expect_published(m);  // the first manifest stands
}

TEST_F(StagingAreaTest, PublishWithNothingOnDiskIsAnError) {
  Manifest m = download();
  fs::remove(part_path());
  auto published = area_.publish(m);
  ASSERT_FALSE(published.ok());
  EXPECT_NE(published.error().message.find("nothing to publish"), std::string::npos);
  EXPECT_FALSE(fs::exists(manifest_path()));
}

TEST_F(StagingAreaTest, ResumedDownloadPublishesTheWholeFile) {
  {
    auto part = area_.open_part("leads_created", kFile);
    ASSERT_TRUE(part.ok());
    ASSERT_TRUE((*part)->write(bytes(kContent.substr(0, 13))).ok());
  }
  auto part = area_.open_part("leads_created", kFile);
  ASSERT_TRUE(part.ok());
  EXPECT_EQ((*part)->raw_bytes(), 13u);
  ASSERT_TRUE((*part)->write(bytes(kContent.substr(13))).ok());
  EXPECT_EQ((*part)->records(), 2u);
  EXPECT_TRUE((*part)->verify({kContent.size(), std::nullopt, 2}).ok());
}

TEST_F(StagingAreaTest, ModesAreFixedWhateverTheUmask) {
  const ::mode_t saved = ::umask(077);
  const Manifest m = download();
  EXPECT_EQ(mode_of(root()), 0750u);
  EXPECT_EQ(mode_of(sync_dir()), 0750u);
  EXPECT_EQ(mode_of(sync_dir() / ".tmp"), 0750u);
  EXPECT_EQ(mode_of(part_path()), 0640u);
  ASSERT_TRUE(area_.publish(m).ok());
  ::umask(saved);
  EXPECT_EQ(mode_of(file_path()), 0640u);
  EXPECT_EQ(mode_of(manifest_path()), 0640u);
}

TEST_F(StagingAreaTest, UnwritableDirectoryIsAnErrorNamingThePath) {
  fs::path blocked;
  std::string reason;
  if (::geteuid() == 0) {
    // Root writes through any mode bits, so use a place no one can create a directory in.
    testing::write_file(dir_.path() / "regular", "x");
    blocked = dir_.path() / "regular" / "staging";
    reason = "Not a directory";
  } else {
    fs::create_directory(dir_.path() / "ro");
    fs::permissions(dir_.path() / "ro", fs::perms(0500));
    blocked = dir_.path() / "ro" / "staging";
    reason = "Permission denied";
  }
  StagingArea area(blocked);
  auto part = area.open_part("leads_created", kFile);
  ASSERT_FALSE(part.ok());
  EXPECT_NE(part.error().message.find(blocked.string()), std::string::npos)
      << part.error().message;
  EXPECT_NE(part.error().message.find(reason), std::string::npos) << part.error().message;
  EXPECT_EQ(part.error().kind, core::ErrorKind::permanent);
}

TEST_F(StagingAreaTest, PathUnderARegularFileFails) {
  testing::write_file(dir_.path() / "regular", "x");
  StagingArea area(dir_.path() / "regular");
  auto part = area.open_part("leads_created", kFile);
  ASSERT_FALSE(part.ok());
  EXPECT_NE(part.error().message.find("Not a directory"), std::string::npos)
      << part.error().message;
}

TEST_F(StagingAreaTest, CompressedFilePublishesWithItsStoredSize) {
  const std::string gz = kFile + ".gz";
  PartOptions options;
  options.compression = Compression::gzip;
  auto part = area_.open_part("leads_created", gz, options);
  ASSERT_TRUE(part.ok()) << part.error().message;
  ASSERT_TRUE((*part)->write(bytes(kContent)).ok());
  ASSERT_TRUE((*part)->sync().ok());
  Manifest m = download();  // the plain file beside it is not published; only its fields are reused
  m.file = gz;
  m.compression = Compression::gzip;
  m.bytes = (*part)->raw_bytes();
  m.sha256 = (*part)->sha256();
  m.stored_bytes = (*part)->stored_bytes();
  ASSERT_NE(m.stored_bytes, m.bytes);
  Manifest wrong = m;
  wrong.stored_bytes = m.bytes;  // the raw size is not the file's size
  auto refused = area_.publish(wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("manifest says"), std::string::npos) << refused.error().message;
  auto published = area_.publish(m);
  ASSERT_TRUE(published.ok()) << published.error().message;
  EXPECT_EQ(fs::file_size(*published), m.stored_bytes);
  auto parsed = parse_manifest(read_file(sync_dir() / (gz + ".manifest.json")));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(*parsed, m);
}

TEST_F(StagingAreaTest, RangeMarkerIsWrittenWholeAndRewrittenHarmlessly) {
  RangeMarker marker;
  marker.sync = "leads_created";
  marker.kind = "incremental";
  marker.from = at("2024-01-01T00:00:00Z");
  marker.to = at("2024-01-15T00:00:00Z");
  marker.files = {kFile, "20240108T000000Z_20240114T235959Z_cd-34.csv"};
  marker.records = 7;
  marker.written_at = at("2024-01-15T00:20:00Z");
  auto written = area_.publish_marker(marker);
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(written->filename(), "_SUCCESS_incremental_20240101T000000Z_20240115T000000Z.json");
  const std::string text = read_file(*written);
  EXPECT_NE(text.find("\"fileCount\": 2"), std::string::npos) << text;
  EXPECT_NE(text.find("\"to\": \"2024-01-15T00:00:00Z\""), std::string::npos) << text;
  EXPECT_NE(text.find("cd-34.csv"), std::string::npos) << text;
  EXPECT_EQ(mode_of(*written), 0640u);
  ASSERT_TRUE(area_.publish_marker(marker).ok());
  EXPECT_EQ(read_file(*written), text);
  EXPECT_TRUE(fs::is_empty(sync_dir() / ".tmp"));
  marker.sync = "../escape";
  EXPECT_FALSE(area_.publish_marker(marker).ok());
}

}  // namespace
}  // namespace msync::staging

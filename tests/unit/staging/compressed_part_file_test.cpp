// PartFile storing gzip / zstd while it hashes and counts the raw bytes: what is stored decodes
// (with our decoder and with the standard tools) to exactly the raw bytes, and a .part cut at any
// byte resumes from the raw offset of its complete frames.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "staging/file_ops.hpp"
#include "staging/frame_scan.hpp"
#include "staging/staging.hpp"
#include "temp_dir.hpp"

namespace msync::staging {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

constexpr std::uint64_t kFrame = 700;  // raw bytes per frame: many frames in a small sample

// A CSV of `rows` data rows with quoted commas, embedded newlines and Marketo's null marker.
std::string sample_csv(int rows) {
  std::string out = "id,email,note\n";
  std::mt19937 rng(7);
  for (int i = 1; i <= rows; ++i) {
    out += std::to_string(i) + ",user" + std::to_string(rng() % 100000) + "@example.com,";
    switch (i % 4) {
      case 0: out += "null\n"; break;
      case 1: out += "\"has, comma\"\n"; break;
      case 2: out += "\"two\nlines \"\"quoted\"\"\"\n"; break;
      default: out += "plain" + std::to_string(rng()) + "\n";
    }
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  Sha256 digest;
  digest.update(std::span<const char>(data.data(), data.size()));
  return "sha256:" + digest.hex();
}

PartOptions options(Compression compression) {
  PartOptions o;
  o.compression = compression;
  o.frame_raw_bytes = kFrame;
  return o;
}

std::unique_ptr<PartFile> open_or_die(const fs::path& path, Compression compression) {
  auto part = PartFile::open(path, options(compression));
  EXPECT_TRUE(part.ok()) << part.error().message;
  return part.ok() ? std::move(*part) : nullptr;
}

// Writes `data` in pieces of varying size, as a network would deliver it.
void write_in_pieces(PartFile& part, std::string_view data, unsigned seed) {
  std::mt19937 rng(seed);
  while (!data.empty()) {
    const std::size_t n = std::min<std::size_t>(data.size(), 1 + rng() % 300);
    ASSERT_TRUE(part.write(std::span<const char>(data.data(), n)).ok());
    data.remove_prefix(n);
  }
}

// The raw content of a stored file, by our decoder; complete frames only.
std::string decode(const fs::path& path, Compression compression) {
  detail::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  std::string raw;
  auto scan = detail::scan_frames(fd.get(), path, fs::file_size(path), compression,
                                  [&](std::string_view frame) { raw += frame; });
  EXPECT_TRUE(scan.ok()) << scan.error().message;
  EXPECT_TRUE(scan.ok() && !scan->torn_tail) << path;
  return raw;
}

// The raw content by the standard tool (gzip -dc / zstd -dc), which must read the concatenated
// frames as one stream.
std::string decode_with_tool(const fs::path& path, Compression compression) {
  const std::string command =
      std::string(compression == Compression::gzip ? "gzip" : "zstd -q") + " -dc '" + path.string() + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr) << command;
  if (!pipe) return {};
  std::string out;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << command;
  return out;
}

class CompressedPartFile : public ::testing::TestWithParam<Compression> {
 protected:
  Compression compression() const { return GetParam(); }
  fs::path part_path() const { return dir_.path() / "x.part"; }

  TempDir dir_;
  const std::string sample_ = sample_csv(400);
};

TEST_P(CompressedPartFile, RoundTripsAndHashesTheRawBytes) {
  auto part = open_or_die(part_path(), compression());
  ASSERT_TRUE(part);
  write_in_pieces(*part, sample_, 1);
  ASSERT_TRUE(part->sync().ok());
  EXPECT_EQ(part->raw_bytes(), sample_.size());
  EXPECT_EQ(part->records(), 400u);
  EXPECT_EQ(part->sha256(), sha256_hex(sample_));
  EXPECT_EQ(part->stored_bytes(), fs::file_size(part_path()));
  EXPECT_LT(part->stored_bytes(), sample_.size()) << "nothing was compressed";
  EXPECT_EQ(decode(part_path(), compression()), sample_);
  const std::string by_tool = decode_with_tool(part_path(), compression());
  EXPECT_EQ(sha256_hex(by_tool), sha256_hex(sample_)) << "the standard tool reads a different stream";

  ExpectedContent expected{sample_.size(), sha256_hex(sample_), 400u};
  EXPECT_TRUE(part->verify(expected).ok());
  expected.sha256 = sha256_hex("something else");
  EXPECT_FALSE(part->verify(expected).ok());
}

TEST_P(CompressedPartFile, ResumesFromEveryCutPoint) {
  {
    auto whole = open_or_die(dir_.path() / "whole.part", compression());
    ASSERT_TRUE(whole);
    write_in_pieces(*whole, sample_, 2);
    ASSERT_TRUE(whole->sync().ok());
  }
  const std::string stored = read_file(dir_.path() / "whole.part");
  ASSERT_GT(stored.size(), 200u);
  std::uint64_t previous_raw = 0;
  std::size_t resumed_mid_file = 0;
  // Every byte of the stored file is a possible end of a crashed download: torn headers, torn
  // frame bodies, torn trailers, and clean frame ends: every byte of the first frames, then a
  // prime stride (so the cuts fall at ever different places inside the frames), and the very end.
  std::vector<std::size_t> cuts;
  for (std::size_t cut = 0; cut <= stored.size(); cut += cut < 256 ? 1 : 31) cuts.push_back(cut);
  cuts.push_back(stored.size());
  for (std::size_t cut : cuts) {
    SCOPED_TRACE("cut at stored byte " + std::to_string(cut));
    write_file(part_path(), std::string_view(stored).substr(0, cut));
    auto part = open_or_die(part_path(), compression());
    ASSERT_TRUE(part);
    const std::uint64_t raw = part->raw_bytes();
    // Only whole frames are kept, so the offset moves by whole frames and never backwards.
    ASSERT_GE(raw, previous_raw);
    ASSERT_LE(raw, sample_.size());
    ASSERT_EQ(part->stored_bytes(), fs::file_size(part_path()));
    ASSERT_LE(part->stored_bytes(), cut);
    previous_raw = raw;
    resumed_mid_file += raw > 0 && raw < sample_.size();
    // Resume with Range: bytes=raw-.
    write_in_pieces(*part, std::string_view(sample_).substr(raw), static_cast<unsigned>(cut));
    ASSERT_TRUE(part->sync().ok());
    ASSERT_EQ(part->sha256(), sha256_hex(sample_));
    ASSERT_EQ(part->records(), 400u);
    ASSERT_EQ(decode(part_path(), compression()), sample_);
  }
  EXPECT_EQ(previous_raw, sample_.size()) << "the whole file did not read back as complete";
  EXPECT_GT(resumed_mid_file, 100u) << "few cut points resumed part way";
  EXPECT_EQ(decode_with_tool(part_path(), compression()), sample_);
}

TEST_P(CompressedPartFile, ClosingWithoutSyncKeepsEveryByteReceived) {
  const std::string_view first = std::string_view(sample_).substr(0, 1234);
  {
    auto part = open_or_die(part_path(), compression());
    ASSERT_TRUE(part);
    write_in_pieces(*part, first, 3);
  }  // a cut connection: the runner drops the sink
  auto part = open_or_die(part_path(), compression());
  ASSERT_TRUE(part);
  EXPECT_EQ(part->raw_bytes(), first.size());
  write_in_pieces(*part, std::string_view(sample_).substr(first.size()), 4);
  ASSERT_TRUE(part->sync().ok());
  EXPECT_EQ(part->sha256(), sha256_hex(sample_));
  EXPECT_EQ(decode_with_tool(part_path(), compression()), sample_);
}

TEST_P(CompressedPartFile, ZeroTailAfterACrashIsCutOff) {
  {
    auto part = open_or_die(part_path(), compression());
    ASSERT_TRUE(part);
    write_in_pieces(*part, sample_, 5);
    ASSERT_TRUE(part->sync().ok());
  }
  const auto size = fs::file_size(part_path());
  fs::resize_file(part_path(), size + 4096);  // the size grew, the blocks never reached the disk
  auto part = open_or_die(part_path(), compression());
  ASSERT_TRUE(part);
  EXPECT_EQ(part->raw_bytes(), sample_.size());
  EXPECT_EQ(fs::file_size(part_path()), size);
}

// Every frame carries its own checksum and the whole raw content is checked against Marketo's
// sha256 at the end, so a frame that does not decode is cut like a torn tail: the download resumes
// after the last good frame and the file comes out whole.
TEST_P(CompressedPartFile, DamagedFrameIsCutAndTheDownloadResumesAfterTheLastGoodFrame) {
  {
    auto part = open_or_die(part_path(), compression());
    ASSERT_TRUE(part);
    write_in_pieces(*part, sample_, 6);
    ASSERT_TRUE(part->sync().ok());
  }
  std::string stored = read_file(part_path());
  stored[stored.size() / 2] ^= 0x5a;  // one bit pattern flipped inside a middle frame
  write_file(part_path(), stored);
  auto part = open_or_die(part_path(), compression());
  ASSERT_TRUE(part);
  const std::uint64_t kept = part->raw_bytes();
  EXPECT_GT(kept, 0u);
  EXPECT_LT(kept, sample_.size());
  EXPECT_LT(fs::file_size(part_path()), stored.size() / 2 + 1);  // cut at or before the damage
  write_in_pieces(*part, std::string_view(sample_).substr(kept), 9);
  ASSERT_TRUE(part->sync().ok());
  EXPECT_EQ(part->sha256(), sha256_hex(sample_));
  EXPECT_EQ(decode_with_tool(part_path(), compression()), sample_);
}

TEST_P(CompressedPartFile, PlainBytesAreNotTakenForCompressedOnes) {
  write_file(part_path(), sample_);
  auto part = open_or_die(part_path(), compression());
  ASSERT_TRUE(part);
  EXPECT_EQ(part->raw_bytes(), 0u);  // nothing decodes: the download starts over
  EXPECT_EQ(fs::file_size(part_path()), 0u);
}

TEST_P(CompressedPartFile, RestartStartsAFreshStream) {
  auto part = open_or_die(part_path(), compression());
  ASSERT_TRUE(part);
  write_in_pieces(*part, "garbage that Marketo did not mean\n", 7);
  ASSERT_TRUE(part->restart().ok());
  EXPECT_EQ(part->raw_bytes(), 0u);
  EXPECT_EQ(part->stored_bytes(), 0u);
  write_in_pieces(*part, sample_, 8);
  ASSERT_TRUE(part->sync().ok());
  EXPECT_EQ(part->sha256(), sha256_hex(sample_));
  EXPECT_EQ(decode_with_tool(part_path(), compression()), sample_);
}

TEST_P(CompressedPartFile, LimitAppliesToRawBytes) {
  auto part = open_or_die(part_path(), compression());
  ASSERT_TRUE(part);
  part->limit_to(sample_.size());
  write_in_pieces(*part, sample_, 9);
  EXPECT_FALSE(part->write(std::span<const char>("x", 1)).ok());
  EXPECT_TRUE(part->overflowed());
}

INSTANTIATE_TEST_SUITE_P(Codecs, CompressedPartFile, ::testing::Values(Compression::gzip, Compression::zstd),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(StagedName, CompressedFilesEndWithTheCodecSuffix) {
  const auto start = core::parse_iso8601("2024-01-01T00:00:00Z").value();
  const auto end = core::parse_iso8601("2024-01-07T23:59:59Z").value();
  EXPECT_EQ(window_file_name(start, end, "ab-12", csv::Format::csv, Compression::gzip).value(),
            "20240101T000000Z_20240107T235959Z_ab-12.csv.gz");
  EXPECT_EQ(snapshot_file_name(start, "ab-12", csv::Format::tsv, Compression::zstd).value(),
            "20240101T000000Z_ab-12.tsv.zst");
  EXPECT_TRUE(validate_file_name("20240101T000000Z_ab-12.tsv.zst").ok());
}

}  // namespace
}  // namespace msync::staging

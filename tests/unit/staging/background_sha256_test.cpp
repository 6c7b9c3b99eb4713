#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

#include "staging/staging.hpp"

namespace msync::staging {
namespace {

std::string plain_hex(std::string_view data) {
  Sha256 digest;
  digest.update(data);
  return digest.hex();
}

std::string random_bytes(std::size_t size, unsigned seed) {
  std::mt19937 random(seed);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(random());
  return out;
}

// Small slots, so that a few hundred KiB go round the ring many times and the caller often waits
// for a free slot.
BackgroundSha256::Options handed_off() { return {.slot_bytes = 4096, .slots = 3, .inline_bytes = 0}; }

TEST(BackgroundSha256, NothingFedIsTheEmptyDigest) {
  BackgroundSha256 digest(handed_off());
  EXPECT_EQ(digest.hex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(BackgroundSha256, PiecesOfEverySizeHashLikeOneUpdate) {
  const std::string data = random_bytes(300'000, 7);
  std::mt19937 random(11);
  for (int round = 0; round < 20; ++round) {
    BackgroundSha256 digest(handed_off());
    std::size_t at = 0;
    while (at < data.size()) {
      // From one byte to several slots at once.
      const std::size_t n = std::min<std::size_t>(data.size() - at, 1 + random() % (5 * 4096));
      digest.update(std::span<const char>(data.data() + at, n));
      at += n;
    }
    ASSERT_EQ(digest.hex(), plain_hex(data)) << "round " << round;
  }
}

TEST(BackgroundSha256, ADigestMidStreamLeavesTheStreamGoingOn) {
  const std::string data = random_bytes(50'000, 3);
  const std::string_view whole(data);
  BackgroundSha256 digest(handed_off());
  digest.update(whole.substr(0, 12'345));
  EXPECT_EQ(digest.hex(), plain_hex(whole.substr(0, 12'345)));
  digest.update(whole.substr(12'345));
  EXPECT_EQ(digest.hex(), plain_hex(whole));
}

TEST(BackgroundSha256, ResetDropsEverythingFedEvenBytesStillQueued) {
  const std::string data = random_bytes(100'000, 5);
  BackgroundSha256 digest(handed_off());
  digest.update(data);  // the last slot is still being filled, earlier ones may be queued
  digest.reset();
  digest.update(std::string_view("abc"));
  EXPECT_EQ(digest.hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // A cut download destroys its digest with slots still queued: the worker must stop, not hang.
  BackgroundSha256 abandoned(handed_off());
  abandoned.update(data);
}

TEST(BackgroundSha256, AStreamThatOutgrowsInlineHashingCarriesItsPrefixOver) {
  const std::string data = random_bytes(40'000, 9);
  const std::string_view whole(data);
  BackgroundSha256 digest({.slot_bytes = 4096, .slots = 2, .inline_bytes = 10'000});
  digest.update(whole.substr(0, 9'000));  // hashed on this thread
  EXPECT_EQ(digest.hex(), plain_hex(whole.substr(0, 9'000)));
  digest.update(whole.substr(9'000));  // past inline_bytes: the worker goes on from there
  EXPECT_EQ(digest.hex(), plain_hex(whole));
}

// Feeds `data` to `digest` in random pieces, now copied (update), now read into its buffer
// (fill_buffer, commit), checking that committed bytes stay as they were until the next fill.
void feed_mixed(BackgroundSha256& digest, std::string_view data, std::mt19937& random) {
  std::size_t at = 0;
  while (at < data.size()) {
    if (random() % 3 == 0) {  // now and then a copied piece between filled ones
      const std::size_t n = std::min<std::size_t>(data.size() - at, 1 + random() % 3000);
      digest.update(data.substr(at, n));
      at += n;
      continue;
    }
    const std::span<char> buffer = digest.fill_buffer();
    ASSERT_EQ(buffer.size(), 4096u);
    const std::size_t n = std::min<std::size_t>(data.size() - at, random() % (buffer.size() + 1));
    std::memcpy(buffer.data(), data.data() + at, n);
    digest.commit(n);
    EXPECT_EQ(std::string_view(buffer.data(), n), data.substr(at, n)) << "committed bytes changed before the next fill";
    at += n;
  }
}

TEST(BackgroundSha256, BytesReadStraightIntoItsSlotsHashLikeUpdates) {
  const std::string data = random_bytes(100'000, 21);
  std::mt19937 random(23);
  for (const std::size_t inline_bytes : {std::size_t{0}, std::size_t{1} << 20}) {
    BackgroundSha256 digest({.slot_bytes = 4096, .slots = 3, .inline_bytes = inline_bytes});
    feed_mixed(digest, data, random);
    EXPECT_EQ(digest.hex(), plain_hex(data)) << "inline below " << inline_bytes;
  }
}

// No worker: every way of feeding still hashes the stream, on the caller's thread, whether the
// start fails at once or when a stream outgrows inline hashing; a digest mid-stream and a reset
// behave as with the worker.
TEST(BackgroundSha256, AThreadThatCannotStartLeavesTheHashOnTheCallersThread) {
  const std::string data = random_bytes(100'000, 31);
  const std::string_view whole(data);
  std::mt19937 random(37);
  for (const std::size_t inline_bytes : {std::size_t{0}, std::size_t{10'000}}) {
    BackgroundSha256 digest(
        {.slot_bytes = 4096, .slots = 3, .inline_bytes = inline_bytes, .thread_can_start = false});
    digest.update(whole.substr(0, 9'000));
    EXPECT_EQ(digest.hex(), plain_hex(whole.substr(0, 9'000)));
    digest.update(whole.substr(9'000, 20'000));  // past inline_bytes: the start is tried, and fails
    feed_mixed(digest, whole.substr(29'000), random);
    EXPECT_EQ(digest.hex(), plain_hex(whole)) << "inline below " << inline_bytes;
    digest.reset();
    feed_mixed(digest, whole.substr(50'000), random);
    EXPECT_EQ(digest.hex(), plain_hex(whole.substr(50'000))) << "inline below " << inline_bytes;
  }
}

}  // namespace
}  // namespace msync::staging

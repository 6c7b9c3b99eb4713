// marketo-syncd run --once against fake-marketo, end to end: program member files dropped into an
// inbound directory are imported exactly once, split below 10 MB, kept within Marketo's import
// queue, their results written beside the inbound directory as the seed's examples say, and bad
// files rejected with a precise reason before anything is sent.
#include <gtest/gtest.h>
#include <sysexits.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>

#include "fake_marketo/testing/import_form.hpp"  // seed 004's files and answers, verbatim
#include "import_run.hpp"

using namespace msync;
using namespace msync::import_test;
namespace seed = fake::testing;

namespace {

const std::vector<std::string> kLannisterEmails{
    "Joanna@Lannister.com", "Tywin@Lannister.com", "Cersei@Lannister.com", "Jamie@Lannister.com",
    "Tyrion@Lannister.com", "Kevan@Lannister.com", "Dorna@Lannister.com",  "Lancel@Lannister.com"};

std::string path_of(const std::string& target) { return target.substr(0, target.find('?')); }

bool is_upload(const Request& r) { return r.method == "POST" && path_of(r.target).ends_with("/members/import.json"); }

// The batch a .../import/{batchId}/status.json request asks about.
std::optional<std::int64_t> polled_batch(const Request& r) {
  const std::string path = path_of(r.target);
  const std::string prefix = "/bulk/v1/program/members/import/";
  if (r.method != "GET" || !path.starts_with(prefix) || !path.ends_with("/status.json")) return std::nullopt;
  std::int64_t id = 0;
  const char* first = path.data() + prefix.size();
  const auto [end, ec] = std::from_chars(first, path.data() + path.size(), id);
  if (ec != std::errc{} || *end != '/') return std::nullopt;
  return id;
}

// The most of our batches Marketo held at once, as the request log shows it: a batch is held from
// its upload until its last status poll (the one that saw it final; nothing polls it after).
// fake-marketo numbers batches in upload order from 1040 (the seed's first batchId).
std::size_t most_batches_held(const std::vector<Request>& requests) {
  std::map<std::int64_t, std::size_t> last_poll;
  for (std::size_t i = 0; i < requests.size(); ++i)
    if (auto batch = polled_batch(requests[i])) last_poll[*batch] = i;
  std::size_t most = 0;
  std::int64_t next_batch = 1040;
  std::set<std::int64_t> held;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (is_upload(requests[i]) && requests[i].status == 200 && requests[i].marketo_error.empty()) {
      held.insert(next_batch++);
      most = std::max(most, held.size());
    }
    for (auto it = held.begin(); it != held.end();) {
      const auto last = last_poll.find(*it);
      it = last != last_poll.end() && last->second == i ? held.erase(it) : std::next(it);
    }
  }
  return most;
}

}  // namespace

TEST(ImportEndToEnd, SeedLannisterFileImportsEightMembersOnList) {
  ImportRun run;
  const auto notes = run.inbound() / ".notes.csv";  // a dotfile: never taken
  {
    std::ofstream out(notes);
    out << "email\nnot@taken.example\n";
  }
  // Dropped just now: the run waits out the settle time for it, as for any file it finds settling.
  run.drop("Lead-House-Lannister.csv", seed::kLannister, false);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;

  expect_members(run.members(), kLannisterEmails, "On List", 1);
  const auto requests = run.requests();
  std::vector<std::string> uploads;
  for (const auto& r : requests)
    if (is_upload(r)) uploads.push_back(path_of(r.target));
  EXPECT_EQ(uploads, std::vector<std::string>{"/bulk/v1/program/1001/members/import.json"});

  const auto s = expect_result_folder(run, "Lead-House-Lannister.csv", seed::kLannister);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->records, 8u);
  EXPECT_EQ(s->outcome, "complete");
  EXPECT_EQ(s->leads_processed, 8);
  EXPECT_EQ(s->rows_failed, 0);
  EXPECT_EQ(s->rows_with_warning, 0);
  ASSERT_EQ(s->parts.size(), 1u);
  EXPECT_EQ(s->parts[0].batch_id, 1040);  // fake-marketo's first batch, as in the seed
  EXPECT_EQ(s->parts[0].status, "Complete");
  EXPECT_EQ(s->parts[0].message, seed::kLannisterMessage);
  // No failures.csv or warnings.csv when there are none, and nothing asked for them.
  EXPECT_EQ(ImportRun::entries(run.done_root() / "Lead-House-Lannister.csv"),
            (std::vector<std::string>{"Lead-House-Lannister.csv", "status.json"}));
  for (const auto& r : requests) {
    EXPECT_FALSE(path_of(r.target).ends_with("/failures.json")) << r.target;
    EXPECT_FALSE(path_of(r.target).ends_with("/warnings.json")) << r.target;
  }
  EXPECT_EQ(ImportRun::entries(run.inbound()), std::vector<std::string>{".notes.csv"});
  EXPECT_TRUE(ImportRun::entries(run.rejected_root()).empty());
  expect_no_work_left(run);
}

TEST(ImportEndToEnd, SeedTargaryenFilesGiveTheSeedsFailuresAndWarnings) {
  ImportRun run;
  run.drop("targaryen-lead-score.csv", seed::kTargaryenBadScore);
  run.drop("targaryen-invalid-email.csv", seed::kTargaryenBadEmail);
  const auto result = run.run_once();
  // Both batches are Complete (a failed row is not a failed batch).
  ASSERT_EQ(result.exit_code, 0) << result.err;

  const auto failed = expect_result_folder(run, "targaryen-lead-score.csv", seed::kTargaryenBadScore);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->outcome, "complete");
  EXPECT_EQ(failed->records, 1u);
  EXPECT_EQ(failed->leads_processed, 0);
  EXPECT_EQ(failed->rows_failed, 1);
  EXPECT_EQ(failed->rows_with_warning, 0);
  ASSERT_EQ(failed->parts.size(), 1u);
  EXPECT_EQ(failed->parts[0].status, "Complete");
  EXPECT_EQ(failed->parts[0].message, seed::kBadScoreMessage);
  const auto failed_dir = run.done_root() / "targaryen-lead-score.csv";
  // fake-marketo ends its rows with \n, and the daemon keeps the bytes it was given.
  EXPECT_EQ(read_file(failed_dir / "failures.csv"), seed::kBadScoreFailures);
  EXPECT_EQ(ImportRun::entries(failed_dir),
            (std::vector<std::string>{"failures.csv", "status.json", "targaryen-lead-score.csv"}));

  const auto warned = expect_result_folder(run, "targaryen-invalid-email.csv", seed::kTargaryenBadEmail);
  ASSERT_TRUE(warned);
  EXPECT_EQ(warned->outcome, "complete");
  EXPECT_EQ(warned->leads_processed, 1);
  EXPECT_EQ(warned->rows_failed, 0);
  EXPECT_EQ(warned->rows_with_warning, 1);
  ASSERT_EQ(warned->parts.size(), 1u);
  EXPECT_EQ(warned->parts[0].message, seed::kBadEmailMessage);
  const auto warned_dir = run.done_root() / "targaryen-invalid-email.csv";
  EXPECT_EQ(read_file(warned_dir / "warnings.csv"), seed::kBadEmailWarnings);
  EXPECT_EQ(ImportRun::entries(warned_dir),
            (std::vector<std::string>{"status.json", "targaryen-invalid-email.csv", "warnings.csv"}));

  // The failed row made no member; the warned one did.
  expect_members(run.members(), {"INVALID_EMAIL"}, "On List", 1);
  EXPECT_EQ(run.uploads(), 2u);
  expect_no_work_left(run);
}

TEST(ImportEndToEnd, TwentyFiveFilesAtOnceStayWithinTheImportQueue) {
  ImportRun run;
  std::map<std::string, std::string> files;
  std::vector<std::string> emails;
  for (int f = 1; f <= 25; ++f) {
    const std::string prefix = "f" + std::to_string(f);
    files[prefix + ".csv"] = member_file(prefix, 20);
    for (std::size_t row = 0; row < 20; ++row) emails.push_back(member_email(prefix, row));
  }
  for (const auto& [name, bytes] : files) run.drop(name, bytes);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;

  EXPECT_EQ(run.uploads(), 25u);
  EXPECT_EQ(run.answers_with_error("1016"), 0u) << "an upload found Marketo's import queue full";
  EXPECT_LE(most_batches_held(run.requests()), 10u);
  expect_members(run.members(), emails, "On List", 1);
  std::vector<std::string> names;
  for (const auto& [name, bytes] : files) {
    names.push_back(name);
    const auto s = expect_result_folder(run, name, bytes);
    if (!s) continue;
    EXPECT_EQ(s->outcome, "complete") << name;
    EXPECT_EQ(s->leads_processed, 20) << name;
    EXPECT_EQ(s->parts.size(), 1u) << name;
  }
  EXPECT_EQ(ImportRun::entries(run.done_root()), names);
  EXPECT_TRUE(ImportRun::entries(run.inbound()).empty());
  expect_no_work_left(run);
}

TEST(ImportEndToEnd, ThirtyFiveMegabyteFileIsSplitBelowTenMegabytes) {
  ImportRun run;
  constexpr std::size_t kRows = 70'000;
  const std::string bytes = member_file("big", kRows, 450);
  ASSERT_GT(bytes.size(), 34'000'000u);
  ASSERT_LT(bytes.size(), 36'000'000u);
  run.drop("big.csv", bytes);
  const auto result = run.run_once();
  ASSERT_EQ(result.exit_code, 0) << result.err;

  // fake-marketo refuses (1003) an import file of 10,000,000 bytes or more, as Marketo does: every
  // upload accepted is a part below 10 MB. (Its request log records answer sizes, not request sizes.)
  std::size_t uploads = 0;
  for (const auto& r : run.requests()) {
    if (!is_upload(r)) continue;
    ++uploads;
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(r.marketo_error, "") << "an upload was refused";
  }
  EXPECT_GE(uploads, 4u);

  std::vector<std::string> emails;
  for (std::size_t row = 0; row < kRows; ++row) emails.push_back(member_email("big", row));
  expect_members(run.members(), emails, "On List", 1);

  EXPECT_EQ(ImportRun::entries(run.done_root()), std::vector<std::string>{"big.csv"});
  const auto s = expect_result_folder(run, "big.csv", bytes);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->outcome, "complete");
  EXPECT_EQ(s->records, kRows);
  EXPECT_EQ(s->leads_processed, static_cast<std::int64_t>(kRows));
  EXPECT_EQ(s->parts.size(), uploads);
  std::set<std::int64_t> batches;
  for (const auto& part : s->parts) {
    EXPECT_EQ(part.status, "Complete");
    EXPECT_GT(part.leads_processed, 0);
    if (part.batch_id) batches.insert(*part.batch_id);
  }
  EXPECT_EQ(batches.size(), s->parts.size()) << "parts without a batch, or sharing one";
  // The parts (a second copy of the 35 MB) go once the file is finished.
  expect_no_work_left(run);
}

TEST(ImportEndToEnd, MalformedFilesAreRejectedWithAPreciseReasonAndNothingIsSent) {
  struct Bad {
    std::string bytes;
    std::vector<std::string> reason;  // what the .reason's first line must say
  };
  const std::map<std::string, Bad> bad{
      {"no-email.csv", {"firstName,lastName\nAlys,Karstark\n", {"line 1", "no email column"}}},
      {"ragged.csv",
       {"email,firstName,lastName\na@example.com,A,Alpha\nb@example.com,B\nc@example.com,C,Gamma\n",
        {"line 3", "row has 2 columns, the header 3"}}},
      {"semicolons.csv",
       {"email;firstName;lastName\na@example.com;A;Alpha\n",
        {"line 1", "semicolon-separated", "this import's format is csv"}}},
      {"binary.csv",
       {std::string("email,firstName\nbob@example.com,") + '\0' + "\x01\xff\xfe junk\n",
        {"line 2, column 17", "binary data"}}},
      {"empty.csv", {"", {"empty"}}},
      {"header-only.csv", {"email,firstName\n", {"header row but no records"}}},
      {"unknown-field.csv",
       {"email,firstName,favouriteColour\na@example.com,A,blue\n",
        {"line 1, column 17", "unknown field \"favouriteColour\""}}},
  };
  ImportRun run;
  for (const auto& [name, file] : bad) run.drop(name, file.bytes);
  const auto result = run.run_once();
  EXPECT_EQ(result.exit_code, EX_DATAERR) << result.err;

  EXPECT_EQ(run.uploads(), 0u) << "a bad file reached Marketo";
  EXPECT_TRUE(run.members().empty());
  std::vector<std::string> expected_entries;
  for (const auto& [name, file] : bad) {
    expected_entries.push_back(name);
    expected_entries.push_back(name + ".reason");
    const auto rejected = run.rejected_root() / name;
    ASSERT_TRUE(std::filesystem::exists(rejected)) << name << " was not rejected";
    EXPECT_TRUE(read_file(rejected) == file.bytes) << name << " changed on its way to " << rejected;
    const std::string reason = read_file(rejected.string() + ".reason");
    const std::string first_line = reason.substr(0, reason.find('\n'));
    for (const auto& words : file.reason)
      EXPECT_NE(first_line.find(words), std::string::npos) << name << ": \"" << first_line << "\" lacks \"" << words << "\"";
  }
  std::sort(expected_entries.begin(), expected_entries.end());
  EXPECT_EQ(ImportRun::entries(run.rejected_root()), expected_entries);
  EXPECT_TRUE(ImportRun::entries(run.inbound()).empty());
  EXPECT_TRUE(ImportRun::entries(run.done_root()).empty());
  expect_no_work_left(run);
}

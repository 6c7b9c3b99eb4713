#include <gtest/gtest.h>

#include "result_fixture.hpp"

namespace msync::imports {
namespace {

using testing::part;
using testing::seed_result;

TEST(StatusJsonTest, SaysEverythingAboutTheFileAndEachPart) {
  ImportResult r = seed_result();
  r.parts[1].batch_id.reset();  // a part Marketo never accepted
  r.parts[1].status = "Failed";
  r.parts[1].message = "Too many imports";
  EXPECT_EQ(status_json(r), R"({
    "import": "webinar_attendees",
    "file": "attendees.csv",
    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "programId": 1234,
    "programMemberStatus": "Attended",
    "format": "csv",
    "records": 10,
    "outcome": "failed",
    "takenAt": "2024-05-01T10:00:00Z",
    "finishedAt": "2024-05-01T10:05:30Z",
    "totals": {
        "leadsProcessed": 8,
        "rowsFailed": 1,
        "rowsWithWarning": 1
    },
    "parts": [
        {
            "part": 0,
            "batchId": 1040,
            "status": "Complete",
            "leadsProcessed": 8,
            "rowsFailed": 0,
            "rowsWithWarning": 1,
            "message": "Import succeeded, 8 records imported (8 members), 1 warning."
        },
        {
            "part": 1,
            "batchId": null,
            "status": "Failed",
            "leadsProcessed": 0,
            "rowsFailed": 1,
            "rowsWithWarning": 0,
            "message": "Too many imports"
        }
    ],
    "fileId": 42
}
)");
}

TEST(StatusJsonTest, EscapesWhatJsonNeedsEscaped) {
  ImportResult r = seed_result();
  r.source_name = "say \"hi\"\\.csv";
  EXPECT_NE(status_json(r).find(R"("file": "say \"hi\"\\.csv")"), std::string::npos);
}

TEST(OverallOutcomeTest, CompleteOnlyWhenEveryPartIsComplete) {
  ImportResult r = seed_result();
  EXPECT_EQ(overall_outcome(r), "complete");  // rows failing inside a Complete batch included
  r.parts[0].status = "Failed";
  EXPECT_EQ(overall_outcome(r), "failed");
  r.parts.clear();
  EXPECT_EQ(overall_outcome(r), "failed");
}

}  // namespace
}  // namespace msync::imports

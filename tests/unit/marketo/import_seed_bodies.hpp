#pragma once
// The bodies of seeds/004 (program member import), verbatim. Their messages hold a ')' before a
// '"', which would end a plain raw string: hence R"json(...)json".
#include <string>

#include "fake_marketo/testing/import_form.hpp"

namespace msync::marketo::testing {

inline constexpr const char* kSeedImportFileName = "Lead-House-Lannister.csv";

// The file itself, as fake-marketo's tests have it.
inline const std::string& kSeedImportFile = fake::testing::kLannister;

inline constexpr const char* kSeedImportAnswer = R"json({
    "requestId": "17f4a#16f87f87325",
    "result": [
        {
            "batchId": 1040,
            "importId": "1040",
            "status": "Queued"
        }
    ],
    "success": true
})json";

inline constexpr const char* kSeedImportComplete = R"json({
    "requestId": "e0cb#16f87f8b177",
    "result": [
        {
            "batchId": 1040,
            "importId": "1040",
            "status": "Complete",
            "numOfLeadsProcessed": 8,
            "numOfRowsFailed": 0,
            "numOfRowsWithWarning": 0,
            "message": "Import succeeded, 8 records imported (8 members)"
        }
    ],
    "success": true
})json";

inline constexpr const char* kSeedImportWithFailure = R"json({
    "requestId": "4c2d#16f8b32c8ef",
    "result": [
        {
            "batchId": 1046,
            "importId": "1046",
            "status": "Complete",
            "numOfLeadsProcessed": 0,
            "numOfRowsFailed": 1,
            "numOfRowsWithWarning": 0,
            "message": "Import completed with errors, 0 records imported (0 members), 1 failed"
        }
    ],
    "success": true
})json";

inline constexpr const char* kSeedImportWithWarning = R"json({
   "requestId":"4ca1#16f883c2003",
   "result":[
      {
         "batchId":1041,
         "importId":"1041",
         "status":"Complete",
         "numOfLeadsProcessed":1,
         "numOfRowsFailed":0,
         "numOfRowsWithWarning":1,
         "message":"Import succeeded, 1 records imported (1 members), 1 warning."
      }
   ],
   "success":true
})json";

inline constexpr const char* kSeedFailuresFile =
    "firstName,lastName,email,title,company,leadScore,Import Failure Reason\n"
    "Aerys,Targaryen,Aerys@Targaryen.com,Targaryen,House Targaryen,TEXT_VALUE_IN_INTEGER_FIELD,"
    "Invalid data type in field Lead Score\n";

inline constexpr const char* kSeedWarningsFile =
    "firstName,lastName,email,title,company,leadScore,Import Warning Reason\n"
    "Aerys,Targaryen,INVALID_EMAIL,Targaryen,House Targaryen,0,Invalid email address\n";

}  // namespace msync::marketo::testing

#pragma once
// The answer bodies of seeds/000 (Bulk lead extract), verbatim.
namespace msync::marketo::testing {

inline constexpr const char* kSeedCreateAnswer = R"({
   "requestId": "e42b#14272d07d78",
   "success": true,
   "result": [
      {
         "exportId": "ce45a7a1-f19d-4ce2-882c-a3c795940a7d",
         "status": "Created",
         "createdAt": "2017-01-21T11:47:30-08:00",
         "queuedAt": "2017-01-21T11:48:30-08:00",
         "format": "CSV"
      }
   ]
})";

inline constexpr const char* kSeedEnqueueAnswer = R"({
    "requestId": "147e4#16b24d9b913",
    "result": [
        {
            "exportId": "fad2cd1b-e822-4025-be1e-9caa9cf1d4b8",
            "format": "CSV",
            "status": "Queued",
            "createdAt": "2019-06-04T23:35:43Z",
            "queuedAt": "2019-06-04T23:36:17Z"
        }
    ],
    "success": true
})";

inline constexpr const char* kSeedStatusAnswer = R"({
   "requestId": "e42b#14272d07d78",
   "success": true,
   "result": [
      {
         "exportId": "ce45a7a1-f19d-4ce2-882c-a3c795940a7d",
         "status": "Processing",
         "createdAt": "2017-01-21T11:47:30-08:00",
         "queuedAt": "2017-01-21T11:48:30-08:00",
         "format": "CSV"
      }
   ]
})";

inline constexpr const char* kSeedCancelAnswer = R"({
   "requestId": "e42b#14272d07d78",
   "success": true,
   "result": [
      {
         "exportId": "ce45a7a1-f19d-4ce2-882c-a3c795940a7d",
         "status": "Cancelled",
         "createdAt": "2017-01-21T11:47:30-08:00",
         "format": "CSV"
      }
   ]
})";

// The seed's create.json request, minified, with the seed's "`endAt`" typo read as endAt.
inline constexpr const char* kSeedCreateRequest =
    R"({"fields":["firstName","lastName","id","email"],"format":"CSV",)"
    R"("columnHeaderNames":{"firstName":"First Name","lastName":"Last Name","id":"Marketo Id",)"
    R"("email":"Email Address"},"filter":{"createdAt":{"startAt":"2017-01-01T00:00:00Z",)"
    R"("endAt":"2017-01-31T00:00:00Z"}}})";

inline constexpr const char* kSeedExportId = "ce45a7a1-f19d-4ce2-882c-a3c795940a7d";

}  // namespace msync::marketo::testing

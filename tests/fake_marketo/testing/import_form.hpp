#pragma once
// For the tests that upload imports to fake-marketo, in process (tests/unit/fake_marketo) or over
// HTTP (tests/integration/fake_marketo): seed 004's example files and answers, and the
// multipart/form-data body curl builds (CRLF framing).
#include <string>
#include <vector>

namespace fake::testing {

// The seed's example boundary and files.
inline const std::string kSeedBoundary = "--------------------------118046853683028616211319";
inline const std::string kLannister =
    "firstName,lastName,email,title,company,leadScore\n"
    "Joanna,Lannister,Joanna@Lannister.com,Lannister,House Lannister,0\n"
    "Tywin,Lannister,Tywin@Lannister.com,Lannister,House Lannister,0\n"
    "Cersei,Lannister,Cersei@Lannister.com,Lannister,House Lannister,0\n"
    "Jamie,Lannister,Jamie@Lannister.com,Lannister,House Lannister,0\n"
    "Tyrion,Lannister,Tyrion@Lannister.com,Lannister,House Lannister,0\n"
    "Kevan,Lannister,Kevan@Lannister.com,Lannister,House Lannister,0\n"
    "Dorna,Lannister,Dorna@Lannister.com,Lannister,House Lannister,0\n"
    "Lancel,Lannister,Lancel@Lannister.com,Lannister,House Lannister,0\n";
inline const std::string kTargaryenBadScore =
    "firstName,lastName,email,title,company,leadScore\n"
    "Aerys,Targaryen,Aerys@Targaryen.com,Targaryen,House Targaryen,TEXT_VALUE_IN_INTEGER_FIELD\n";
inline const std::string kTargaryenBadEmail =
    "firstName,lastName,email,title,company,leadScore\n"
    "Aerys,Targaryen,INVALID_EMAIL,Targaryen,House Targaryen,0\n";

// What the seed answers for them.
inline const std::string kLannisterMessage = "Import succeeded, 8 records imported (8 members)";
inline const std::string kBadScoreMessage = "Import completed with errors, 0 records imported (0 members), 1 failed";
inline const std::string kBadScoreFailures =
    "firstName,lastName,email,title,company,leadScore,Import Failure Reason\n"
    "Aerys,Targaryen,Aerys@Targaryen.com,Targaryen,House Targaryen,TEXT_VALUE_IN_INTEGER_FIELD,"
    "Invalid data type in field Lead Score\n";
inline const std::string kBadEmailMessage = "Import succeeded, 1 records imported (1 members), 1 warning.";
inline const std::string kBadEmailWarnings =
    "firstName,lastName,email,title,company,leadScore,Import Warning Reason\n"
    "Aerys,Targaryen,INVALID_EMAIL,Targaryen,House Targaryen,0,Invalid email address\n";

struct Part {
  std::string name;
  std::string data;
  std::string filename;  // empty: a plain field
  std::string content_type;
};

inline std::string multipart(const std::vector<Part>& parts, const std::string& boundary = kSeedBoundary,
                             const std::string& eol = "\r\n") {
  std::string out;
  for (const auto& p : parts) {
    out += "--" + boundary + eol + "Content-Disposition: form-data; name=\"" + p.name + "\"";
    if (!p.filename.empty()) out += "; filename=\"" + p.filename + "\"";
    out += eol;
    if (!p.content_type.empty()) out += "Content-Type: " + p.content_type + eol;
    out += eol + p.data + eol;
  }
  return out + "--" + boundary + "--" + eol;
}

// What `curl -F format=… -F programMemberStatus=… -F file=@name` sends.
inline std::vector<Part> curl_parts(const std::string& file, const std::string& format = "csv",
                                    const std::string& status = "On List",
                                    const std::string& filename = "Lead-House-Lannister.csv") {
  return {{"format", format, {}, {}},
          {"programMemberStatus", status, {}, {}},
          {"file", file, filename, "text/csv"}};
}

inline const std::string kSeedContentType = "multipart/form-data; boundary=" + kSeedBoundary;

}  // namespace fake::testing

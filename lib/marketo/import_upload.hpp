#pragma once
// An ImportUpload checked and rendered as the body of POST import.json: the form fields format and
// programMemberStatus, then the file, as the seed's curl -F sends them.
#include <functional>
#include <string>
#include <string_view>

#include "marketo/failure.hpp"
#include "marketo/import_api.hpp"
#include "marketo/multipart_form.hpp"

namespace msync::marketo {

// Marketo takes import files smaller than 10 MB.
inline constexpr std::size_t kMaxImportBytes = 10'000'000;

// Reason::invalid_argument (Action::fail_job) for a program id <= 0, a format other than CSV, TSV
// or SSV (any case), an empty status or one with control characters, empty content, or content of
// kMaxImportBytes or more. Nothing is sent for those.
Outcome<MultipartBody> import_upload_body(std::string_view endpoint, const ImportUpload& upload,
                                          const std::function<std::string()>& make_boundary);

}  // namespace msync::marketo

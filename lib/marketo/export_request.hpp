#pragma once
// The body of create.json, shaped as the seed's example: fields, format, columnHeaderNames, filter.
#include <string>

#include "marketo/export_spec.hpp"
#include "marketo/failure.hpp"

namespace msync::marketo {

// Checks the spec (fields present, one filter with sane bounds, header names only for asked
// fields) and renders it; a spec Marketo would refuse is an invalid_argument Failure.
Outcome<std::string> create_export_body(const ExportSpec& spec);

}  // namespace msync::marketo

#pragma once
// The validator's look at the header row: names known to the catalog, none twice, an `email`
// column, and, when the header does not split with the import's delimiter, a hint at the one it
// does split with. Private to lib/imports.
#include <optional>
#include <string>
#include <string_view>

#include "csv/csv.hpp"
#include "imports/field_catalog.hpp"
#include "imports/file_validator.hpp"

namespace msync::imports {

// The first problem of the header row, left to right; nullopt when it is fine. `head` is the
// file's first bytes, read again with other delimiters when the header is a single column.
// An empty catalog (the describe endpoints not fetched) checks only the email column and
// duplicates: Marketo then judges the names itself.
std::optional<Rejection> check_header(const csv::Record& header, csv::Format format,
                                      const FieldCatalog& fields, std::string_view head);

// "looks semicolon-separated (ssv), but this import's format is csv" when the first record of
// `head` splits with another delimiter into at least two known names (with an empty catalog:
// two or more names, one of them email); nullopt otherwise.
std::optional<std::string> delimiter_hint(std::string_view head, csv::Format format,
                                          const FieldCatalog& fields);

}  // namespace msync::imports

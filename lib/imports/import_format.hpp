#pragma once
// The delimited formats an import file may use. Marketo's import SSV is semicolon-separated (the
// import seed: comma, tab or semicolon), unlike the export SSV, which is space-separated.
#include "csv/csv.hpp"

namespace msync::imports {

char import_delimiter(csv::Format format);  // ',' '\t' ';'

}  // namespace msync::imports

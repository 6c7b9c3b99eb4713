#pragma once
// lib/csv, the front door: the delimited formats Marketo reads and writes (CSV, TSV, SSV), a fast
// incremental record counter for downloads, a record reader with line:col for validation, and a
// fast shape check that vouches for a valid file without reading its fields.
//
// The dialect, as Marketo renders it: one delimiter (',' '\t' ' '); a field is wrapped in double
// quotes when it holds the delimiter, a quote, CR or LF, and an inner quote is doubled; records end
// with "\n" ("\r\n" is accepted too); an empty value is the literal `null`.
#include "csv/format.hpp"
#include "csv/record_counter.hpp"
#include "csv/record_reader.hpp"
#include "csv/shape_check.hpp"

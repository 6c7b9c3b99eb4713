#pragma once
// What create.json is asked for: the entity (its path), fields, format, header names and one
// filter with the extra members its entity takes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/core.hpp"
#include "marketo/export_entity.hpp"

namespace msync::marketo {

enum class ExportFormat { csv, tsv, ssv };

enum class FilterType { created_at, updated_at, static_list_id, static_list_name, smart_list_id,
                        smart_list_name, program_ids };

std::string_view to_string(ExportFormat format);  // "CSV", "TSV", "SSV": Marketo's spelling
// Marketo's spelling, case-insensitive (the seeds write both "CSV" and "csv").
std::optional<ExportFormat> parse_format(std::string_view text);
std::string_view to_string(FilterType type);      // "createdAt", "staticListName", ...

struct ExportFilter {
  FilterType type = FilterType::created_at;
  core::Timestamp start_at{};  // createdAt / updatedAt only
  core::Timestamp end_at{};    // createdAt / updatedAt only
  std::int64_t list_id = 0;    // staticListId / smartListId only
  std::string list_name;       // staticListName / smartListName only
  // Activities: optional narrowing of a createdAt filter.
  std::vector<std::int64_t> activity_type_ids;
  std::vector<std::int64_t> primary_attribute_value_ids;
  // Program members: the programs, the filter itself (program_ids) or beside updatedAt.
  std::vector<std::int64_t> program_ids;
};

struct ExportSpec {
  ExportEntity entity;
  std::vector<std::string> fields;  // may be empty for activities only (Marketo's default columns)
  ExportFormat format = ExportFormat::csv;
  std::vector<std::pair<std::string, std::string>> column_header_names;  // field -> header, in order
  ExportFilter filter;
};

}  // namespace msync::marketo

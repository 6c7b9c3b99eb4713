#pragma once
// What an import file's header and rows must hold: the header names REST API fields of
// lead_schema() (email required, none twice); a row's value must fit its field's type or the row
// fails ("Invalid data type in field Lead Score"); an implausible email only warns and the row is
// still imported.
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fake_marketo/sim/export_spec.hpp"
#include "fake_marketo/sim/lead_database.hpp"

namespace fake {

struct ImportColumns {
  std::vector<Field> fields;  // one per header cell
  std::size_t email = 0;      // the email column's index
};

// 1006 for a name that is no field, 1003 for a missing email column or a repeated name.
std::variant<ImportColumns, MarketoError> check_header(const std::vector<std::string>& header);

struct RowVerdict {
  std::string failure;  // non-empty: the row is not imported
  std::string warning;  // non-empty: imported, with this warning
};
RowVerdict check_row(const ImportColumns& columns, const std::vector<std::string>& cells);

// A field's display name as Marketo's messages show it: leadScore -> "Lead Score", id -> "Id".
std::string display_name(std::string_view rest_name);

bool plausible_email(std::string_view email);

}  // namespace fake

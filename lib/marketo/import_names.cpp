#include <array>

#include "marketo/ascii.hpp"
#include "marketo/import_api.hpp"

namespace msync::marketo {
namespace {

struct StatusName {
  std::string_view text;
  ImportStatus status;
};

constexpr std::array kStatusNames{
    StatusName{"Queued", ImportStatus::queued},
    StatusName{"Importing", ImportStatus::importing},
    StatusName{"Complete", ImportStatus::complete},
    StatusName{"Failed", ImportStatus::failed},
};

}  // namespace

std::string_view to_string(ImportStatus status) {
  for (const StatusName& name : kStatusNames) {
    if (name.status == status) return name.text;
  }
  return "Queued";
}

std::optional<ImportStatus> parse_import_status(std::string_view text) {
  for (const StatusName& name : kStatusNames) {
    if (equal_ignoring_case(name.text, text)) return name.status;
  }
  return std::nullopt;
}

}  // namespace msync::marketo

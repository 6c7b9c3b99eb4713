#include "fake_marketo/sim/custom_object_database.hpp"
#include "fake_marketo/sim/seeded.hpp"

#include <chrono>
#include <cstdio>

#include "fake_marketo/sim/lead_database.hpp"

namespace fake {
namespace {

enum Purpose { kLead, kCreated, kUpdated, kModel, kYear, kColor };
enum Column { kGuid, kVin, kLeadId, kModel_, kYear_, kColor_, kCreatedAt, kUpdatedAt };

const std::vector<ColumnInfo> kCarColumns{{"marketoGUID", "string"}, {"vin", "string"},
                                          {"leadId", "integer"},     {"model", "string"},
                                          {"year", "integer"},       {"color", "string"},
                                          {"createdAt", "datetime"}, {"updatedAt", "datetime"}};

constexpr std::string_view kModels[] = {"Roadster", "Sedan", "Wagon", "Coupe, 2-door", "The \"Van\""};
constexpr std::string_view kColors[] = {"red", "blue", "silver", "black", ""};  // "" is null

}  // namespace

const std::vector<CustomObjectType>& custom_object_types() {
  static const std::vector<CustomObjectType> types{{"car_c", "Car", &kCarColumns}};
  return types;
}

CustomObjectDatabase::CustomObjectDatabase(const DataOptions& data)
    : records_(data.leads),
      leads_(data.leads == 0 ? 1 : data.leads),
      epoch_(std::chrono::floor<std::chrono::seconds>(data.epoch).time_since_epoch().count()),
      span_(data.span_days == 0 ? 1 : std::int64_t(data.span_days) * 86400),
      key_(mix(mix(data.seed) ^ mix(9000))) {}

const CustomObjectType* CustomObjectDatabase::find_type(std::string_view api_name) {
  for (const auto& t : custom_object_types())
    if (api_name == t.api_name) return &t;
  return nullptr;
}

std::optional<int> CustomObjectDatabase::find_column(const CustomObjectType& type, std::string_view name) {
  for (std::size_t i = 0; i < type.columns->size(); ++i)
    if (name == (*type.columns)[i].name) return int(i);
  return std::nullopt;
}

std::uint64_t CustomObjectDatabase::draw(std::uint64_t record, int purpose) const {
  return mix(key_ ^ mix(std::uint64_t(purpose)) ^ record);
}

std::int64_t CustomObjectDatabase::created_at(std::uint64_t record) const {
  return epoch_ + std::int64_t(draw(record, kCreated) % std::uint64_t(span_));
}

std::int64_t CustomObjectDatabase::updated_at(std::uint64_t record) const {
  const std::int64_t created = created_at(record);
  const auto room = std::uint64_t(epoch_ + span_ - created);  // >= 1
  return created + std::int64_t(draw(record, kUpdated) % room);
}

void CustomObjectDatabase::append_value(std::uint64_t record, int column, std::string& out) const {
  switch (Column(column)) {
    case kGuid: {
      char guid[40];
      std::snprintf(guid, sizeof guid, "c0%06llx-0000-4000-8000-%012llx", static_cast<unsigned long long>(record % 0xffffff),
                    static_cast<unsigned long long>(record));
      out += guid;
      return;
    }
    case kVin:
      out += "VIN";
      append_uint(100000 + record, out);
      return;
    case kLeadId: append_uint(1 + draw(record, kLead) % leads_, out); return;
    case kModel_: out += kModels[draw(record, kModel) % std::size(kModels)]; return;
    case kYear_: append_uint(2000 + draw(record, kYear) % 25, out); return;
    case kColor_: out += kColors[draw(record, kColor) % std::size(kColors)]; return;
    case kCreatedAt: append_iso8601(created_at(record), out); return;
    case kUpdatedAt: append_iso8601(updated_at(record), out); return;
  }
}

}  // namespace fake

#include "fake_marketo/sim/activity_database.hpp"
#include "fake_marketo/sim/seeded.hpp"

#include <chrono>

#include "fake_marketo/sim/lead_database.hpp"

namespace fake {
namespace {

enum Purpose { kLead, kDate, kType, kCampaign, kPrimary, kDetail };

// A few of Marketo's standard activity types, each with what its primary attribute names.
struct ActivityType {
  std::int64_t id;
  std::int64_t first_primary_id;  // primaryAttributeValueId is one of 10 from here
  std::string_view primary_values[4];
  std::string_view detail_key;    // the one secondary attribute it carries
};

constexpr ActivityType kTypes[] = {
    {1, 100, {"/pricing", "/docs/start", "/blog/hello, world", "/contact"}, "Client IP Address"},
    {2, 200, {"Contact Us", "Webinar \"Live\" Signup", "Newsletter", "Demo Request"}, "Form Fields"},
    {6, 300, {"Welcome", "Monthly Digest", "Re: your trial", "Spring, Sale"}, "Mailing ID"},
    {10, 300, {"Welcome", "Monthly Digest", "Re: your trial", "Spring, Sale"}, "Device"},
    {12, 400, {"Web Form", "List Import", "API", "Salesforce"}, "Source Type"},
    {13, 500, {"Lead Score", "Title", "Company", "Phone"}, "New Value"},
};

// A JSON string value: the details are generated, but a quote or backslash must still be escaped.
void append_json_string(std::string_view value, std::string& out) {
  out += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

constexpr std::string_view kFieldNames[] = {"marketoGUID", "leadId", "activityDate", "activityTypeId",
                                            "campaignId", "primaryAttributeValueId",
                                            "primaryAttributeValue", "attributes"};

}  // namespace

ActivityDatabase::ActivityDatabase(const DataOptions& data)
    : activities_(data.leads * data.activities_per_lead),
      leads_(data.leads == 0 ? 1 : data.leads),
      epoch_(std::chrono::floor<std::chrono::seconds>(data.epoch).time_since_epoch().count()),
      span_(data.span_days == 0 ? 1 : std::int64_t(data.span_days) * 86400) {
  for (std::size_t p = 0; p < keys_.size(); ++p) keys_[p] = mix(mix(data.seed) ^ mix(p + 5000));
}

std::uint64_t ActivityDatabase::draw(std::uint64_t id, int purpose) const {
  return mix(keys_[std::size_t(purpose)] ^ id);
}

std::int64_t ActivityDatabase::activity_date(std::uint64_t id) const {
  return epoch_ + std::int64_t(draw(id, kDate) % std::uint64_t(span_));
}

std::int64_t ActivityDatabase::activity_type_id(std::uint64_t id) const {
  return kTypes[draw(id, kType) % std::size(kTypes)].id;
}

std::int64_t ActivityDatabase::primary_attribute_value_id(std::uint64_t id) const {
  const ActivityType& type = kTypes[draw(id, kType) % std::size(kTypes)];
  return type.first_primary_id + std::int64_t(draw(id, kPrimary) % 10);
}

void ActivityDatabase::append_value(std::uint64_t id, ActivityField field, std::string& out) const {
  const ActivityType& type = kTypes[draw(id, kType) % std::size(kTypes)];
  switch (field) {
    case ActivityField::marketo_guid:
      append_uint(id, out);
      return;
    case ActivityField::lead_id:
      append_uint(1 + draw(id, kLead) % leads_, out);
      return;
    case ActivityField::activity_date:
      append_iso8601(activity_date(id), out);
      return;
    case ActivityField::activity_type_id:
      append_uint(std::uint64_t(type.id), out);
      return;
    case ActivityField::campaign_id: {
      const std::uint64_t r = draw(id, kCampaign);
      if (r % 100 < 40) return;  // not every activity comes from a campaign
      append_uint(1000 + (r >> 8) % 50, out);
      return;
    }
    case ActivityField::primary_attribute_value_id:
      append_uint(std::uint64_t(primary_attribute_value_id(id)), out);
      return;
    case ActivityField::primary_attribute_value:
      out += type.primary_values[draw(id, kPrimary) % 10 % 4];
      return;
    case ActivityField::attributes: {
      const std::uint64_t r = draw(id, kDetail);
      out += '{';
      append_json_string(type.detail_key, out);
      out += ':';
      std::string detail = "v" + std::to_string(r % 997);
      if (r % 7 == 0) detail += ", \"quoted\"";
      append_json_string(detail, out);
      out += '}';
      return;
    }
    case ActivityField::count_:
      return;
  }
}

std::optional<ActivityField> ActivityDatabase::find_field(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kFieldNames); ++i)
    if (kFieldNames[i] == name) return ActivityField(i);
  return std::nullopt;
}

std::string_view ActivityDatabase::field_name(ActivityField field) { return kFieldNames[int(field)]; }

}  // namespace fake

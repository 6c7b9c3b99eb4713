#pragma once
// The seeded activity log: activity i (1..N, N = activities_per_lead x leads) is a pure function of
// (seed, i), like the leads: its lead, its activityDate spread over the same span, its type and
// primary attribute, and its secondary attributes as a JSON object. Nothing is stored per activity.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fake_marketo/sim/simulator.hpp"

namespace fake {

// The fixed columns of a bulk activity export, in Marketo's order.
enum class ActivityField : int {
  marketo_guid, lead_id, activity_date, activity_type_id, campaign_id, primary_attribute_value_id,
  primary_attribute_value, attributes, count_
};

class ActivityDatabase {
 public:
  explicit ActivityDatabase(const DataOptions& data);

  std::uint64_t size() const { return activities_; }
  std::int64_t activity_date(std::uint64_t id) const;  // seconds since the Unix epoch
  std::int64_t activity_type_id(std::uint64_t id) const;
  std::int64_t primary_attribute_value_id(std::uint64_t id) const;
  // Appends activity id's raw value of `field` to out (nothing when the value is empty).
  void append_value(std::uint64_t id, ActivityField field, std::string& out) const;

  static std::optional<ActivityField> find_field(std::string_view name);
  static std::string_view field_name(ActivityField field);

 private:
  std::uint64_t draw(std::uint64_t id, int purpose) const;

  std::uint64_t activities_;
  std::uint64_t leads_;
  std::int64_t epoch_;
  std::int64_t span_;
  std::array<std::uint64_t, 8> keys_{};
};

}  // namespace fake

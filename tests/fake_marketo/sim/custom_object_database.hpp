#pragma once
// The seeded custom object records the bulk custom object export reads: one object type, car_c
// ("Car", deduplicated by vin, linked to leads by leadId), with one record per lead, each a pure
// function of (seed, record). Its fields are what /rest/v1/customobjects/car_c/describe.json lists.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fake_marketo/sim/member_database.hpp"
#include "fake_marketo/sim/simulator.hpp"

namespace fake {

struct CustomObjectType {
  const char* api_name;      // car_c
  const char* display_name;  // Car
  const std::vector<ColumnInfo>* columns;
};
const std::vector<CustomObjectType>& custom_object_types();

class CustomObjectDatabase {
 public:
  explicit CustomObjectDatabase(const DataOptions& data);

  static const CustomObjectType* find_type(std::string_view api_name);
  static std::optional<int> find_column(const CustomObjectType& type, std::string_view name);

  std::uint64_t size() const { return records_; }
  std::int64_t updated_at(std::uint64_t record) const;  // seconds
  void append_value(std::uint64_t record, int column, std::string& out) const;

 private:
  std::uint64_t draw(std::uint64_t record, int purpose) const;
  std::int64_t created_at(std::uint64_t record) const;

  std::uint64_t records_;
  std::uint64_t leads_;
  std::int64_t epoch_;
  std::int64_t span_;
  std::uint64_t key_;
};

}  // namespace fake

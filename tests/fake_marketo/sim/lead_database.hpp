#pragma once
// The seeded lead database. Lead i (1..N) is a pure function of (seed, i): nothing is stored per
// lead, so five million leads cost no memory and any window is found by scanning ids.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fake_marketo/sim/simulator.hpp"

namespace fake {

// Indexes into lead_schema(), in its order.
enum class Field : int {
  id, email, first_name, last_name, company, title, lead_score, phone, city, country, created_at,
  updated_at, count_
};

class LeadDatabase {
 public:
  explicit LeadDatabase(const DataOptions& data);

  std::uint64_t size() const { return leads_; }
  // Seconds since the Unix epoch.
  std::int64_t created_at(std::uint64_t id) const;
  std::int64_t updated_at(std::uint64_t id) const;
  // Whether lead id belongs to list_id; nullopt when no such list exists.
  std::optional<bool> in_list(std::uint64_t id, std::int64_t list_id) const;
  // Appends lead id's raw value of `field` to out (nothing when the value is empty).
  void append_value(std::uint64_t id, Field field, std::string& out) const;

  static std::optional<Field> find_field(std::string_view name);
  static const LeadList* find_list(std::int64_t id);
  static const LeadList* find_list(std::string_view name, bool smart);

 private:
  // One independent 64-bit draw per (lead, purpose).
  std::uint64_t draw(std::uint64_t id, int purpose) const;
  bool is_null(std::uint64_t id, Field field) const;
  std::optional<int> lead_score(std::uint64_t id) const;
  std::string_view country(std::uint64_t id) const;

  std::uint64_t leads_;
  std::int64_t epoch_;  // seconds
  std::int64_t span_;   // seconds, >= 1
  std::array<std::uint64_t, 24> keys_{};
};

// Appends "YYYY-MM-DDTHH:MM:SSZ" for seconds since the Unix epoch (fast: runs once per row).
void append_iso8601(std::int64_t seconds, std::string& out);

}  // namespace fake

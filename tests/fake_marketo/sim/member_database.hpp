#pragma once
// The seeded program memberships the bulk program member export reads: a few programs (the same
// for every seed), and whether lead i is a member of program p, with its status, dates and flags,
// a pure function of (seed, p, i). Separate from what imports add (ImportDesk): an export of a
// program shows these synthetic members.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fake_marketo/sim/simulator.hpp"

namespace fake {

struct ColumnInfo {
  const char* name;  // the REST API name
  const char* type;  // as describe answers it: integer, string, datetime, boolean
};

// The program member fields, as /rest/v1/program/members/describe.json lists them and the export
// renders them.
const std::vector<ColumnInfo>& program_member_columns();

struct ExportProgram {
  std::int64_t id;
  std::array<std::string_view, 3> statuses;
};
const std::vector<ExportProgram>& export_programs();  // 1001, 1002, 1003

class MemberDatabase {
 public:
  explicit MemberDatabase(const DataOptions& data);

  std::uint64_t leads() const { return leads_; }
  static const ExportProgram* find_program(std::int64_t id);
  bool member(std::int64_t program, std::uint64_t lead) const;
  std::int64_t updated_at(std::int64_t program, std::uint64_t lead) const;  // seconds
  void append_value(std::int64_t program, std::uint64_t lead, int column, std::string& out) const;

  static std::optional<int> find_column(std::string_view name);

 private:
  std::uint64_t draw(std::int64_t program, std::uint64_t lead, int purpose) const;
  std::int64_t membership_date(std::int64_t program, std::uint64_t lead) const;

  std::uint64_t leads_;
  std::int64_t epoch_;
  std::int64_t span_;
  std::uint64_t key_;
};

}  // namespace fake

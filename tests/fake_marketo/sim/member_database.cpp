#include "fake_marketo/sim/member_database.hpp"
#include "fake_marketo/sim/seeded.hpp"

#include <chrono>

#include "fake_marketo/sim/lead_database.hpp"

namespace fake {
namespace {

enum Purpose { kMember, kStatus, kDate, kUpdated, kFlags, kLikely };

enum Column {
  kLeadId, kProgramId, kStatusName, kMembershipDate, kUpdatedAt, kReachedSuccess, kIsExhausted,
  kNurtureCadence, kAttendanceLikelihood, kRegistrationLikelihood, kAcquiredBy
};

}  // namespace

const std::vector<ColumnInfo>& program_member_columns() {
  static const std::vector<ColumnInfo> columns{
      {"leadId", "integer"},         {"programId", "integer"},
      {"statusName", "string"},      {"membershipDate", "datetime"},
      {"updatedAt", "datetime"},     {"reachedSuccess", "boolean"},
      {"isExhausted", "boolean"},    {"nurtureCadence", "string"},
      {"attendanceLikelihood", "integer"}, {"registrationLikelihood", "integer"},
      {"acquiredBy", "boolean"}};
  return columns;
}

const std::vector<ExportProgram>& export_programs() {
  static const std::vector<ExportProgram> programs{
      {1001, {"On List", "Registered", "Attended"}},
      {1002, {"Member", "Engaged", "Exhausted, paused"}},
      {1003, {"Invited", "Attended", "No Show"}}};
  return programs;
}

MemberDatabase::MemberDatabase(const DataOptions& data)
    : leads_(data.leads),
      epoch_(std::chrono::floor<std::chrono::seconds>(data.epoch).time_since_epoch().count()),
      span_(data.span_days == 0 ? 1 : std::int64_t(data.span_days) * 86400),
      key_(mix(mix(data.seed) ^ mix(7000))) {}

const ExportProgram* MemberDatabase::find_program(std::int64_t id) {
  for (const auto& p : export_programs())
    if (p.id == id) return &p;
  return nullptr;
}

std::uint64_t MemberDatabase::draw(std::int64_t program, std::uint64_t lead, int purpose) const {
  return mix(key_ ^ mix(std::uint64_t(program) * 16 + std::uint64_t(purpose)) ^ lead);
}

bool MemberDatabase::member(std::int64_t program, std::uint64_t lead) const {
  return find_program(program) && draw(program, lead, kMember) % 4 == 0;
}

std::int64_t MemberDatabase::membership_date(std::int64_t program, std::uint64_t lead) const {
  return epoch_ + std::int64_t(draw(program, lead, kDate) % std::uint64_t(span_));
}

std::int64_t MemberDatabase::updated_at(std::int64_t program, std::uint64_t lead) const {
  const std::int64_t joined = membership_date(program, lead);
  const auto room = std::uint64_t(epoch_ + span_ - joined);  // >= 1
  return joined + std::int64_t(draw(program, lead, kUpdated) % room);
}

void MemberDatabase::append_value(std::int64_t program, std::uint64_t lead, int column, std::string& out) const {
  const std::uint64_t flags = draw(program, lead, kFlags);
  switch (Column(column)) {
    case kLeadId: append_uint(lead, out); return;
    case kProgramId: append_uint(std::uint64_t(program), out); return;
    case kStatusName: out += find_program(program)->statuses[draw(program, lead, kStatus) % 3]; return;
    case kMembershipDate: append_iso8601(membership_date(program, lead), out); return;
    case kUpdatedAt: append_iso8601(updated_at(program, lead), out); return;
    case kReachedSuccess: out += flags & 1 ? "true" : "false"; return;
    case kIsExhausted: out += flags & 2 ? "true" : "false"; return;
    case kNurtureCadence: out += flags & 4 ? "paused" : "normal"; return;
    case kAttendanceLikelihood:
      if (flags & 8) append_uint(draw(program, lead, kLikely) % 101, out);  // often unknown: null
      return;
    case kRegistrationLikelihood:
      if (flags & 16) append_uint((draw(program, lead, kLikely) >> 8) % 101, out);
      return;
    case kAcquiredBy: out += flags & 32 ? "true" : "false"; return;
  }
}

std::optional<int> MemberDatabase::find_column(std::string_view name) {
  const auto& columns = program_member_columns();
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (name == columns[i].name) return int(i);
  return std::nullopt;
}

}  // namespace fake

#include "state/kinds.hpp"

#include <array>
#include <utility>

namespace msync::state {
namespace {

template <class Enum, std::size_t N>
using Names = std::array<std::pair<Enum, std::string_view>, N>;

constexpr Names<SyncKind, 2> sync_kind_names{{
    {SyncKind::incremental, "incremental"},
    {SyncKind::snapshot, "snapshot"},
}};

constexpr Names<WindowKind, 3> window_kind_names{{
    {WindowKind::incremental, "incremental"},
    {WindowKind::backfill, "backfill"},
    {WindowKind::snapshot, "snapshot"},
}};

constexpr Names<JobState, 10> job_state_names{{
    {JobState::intent, "intent"},
    {JobState::created, "created"},
    {JobState::queued, "queued"},
    {JobState::processing, "processing"},
    {JobState::completed, "completed"},
    {JobState::downloading, "downloading"},
    {JobState::staged, "staged"},
    {JobState::failed, "failed"},
    {JobState::cancelled, "cancelled"},
    {JobState::expired, "expired"},
}};

constexpr Names<ImportState, 6> import_state_names{{
    {ImportState::intent, "intent"},
    {ImportState::queued, "queued"},
    {ImportState::importing, "importing"},
    {ImportState::complete, "complete"},
    {ImportState::failed, "failed"},
    {ImportState::cancelled, "cancelled"},
}};

template <class Enum, std::size_t N>
std::string_view name_of(const Names<Enum, N>& names, Enum value) {
  for (const auto& [e, name] : names) {
    if (e == value) return name;
  }
  return "?";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const Names<Enum, N>& names, std::string_view text) {
  for (const auto& [e, name] : names) {
    if (name == text) return e;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(SyncKind kind) { return name_of(sync_kind_names, kind); }
std::string_view to_string(WindowKind kind) { return name_of(window_kind_names, kind); }
std::string_view to_string(JobState state) { return name_of(job_state_names, state); }
std::string_view to_string(ImportState state) { return name_of(import_state_names, state); }

std::optional<SyncKind> parse_sync_kind(std::string_view text) {
  return value_of(sync_kind_names, text);
}
std::optional<WindowKind> parse_window_kind(std::string_view text) {
  return value_of(window_kind_names, text);
}
std::optional<JobState> parse_job_state(std::string_view text) {
  return value_of(job_state_names, text);
}
std::optional<ImportState> parse_import_state(std::string_view text) {
  return value_of(import_state_names, text);
}

bool is_live(JobState state) {
  switch (state) {
    case JobState::intent:
    case JobState::created:
    case JobState::queued:
    case JobState::processing:
    case JobState::completed:
    case JobState::downloading:
      return true;
    case JobState::staged:
    case JobState::failed:
    case JobState::cancelled:
    case JobState::expired:
      return false;
  }
  return false;
}

bool is_live(ImportState state) {
  return state == ImportState::intent || state == ImportState::queued ||
         state == ImportState::importing;
}

}  // namespace msync::state

#include "exports/export_sync.hpp"

namespace msync::exports {

marketo::ExportSpec export_spec_for(const ExportSync& sync, core::Timestamp window_start,
                                    core::Timestamp window_end, std::int64_t program_id) {
  marketo::ExportSpec spec = sync.request;
  if (sync.windowed()) {
    spec.filter.start_at = window_start;
    spec.filter.end_at = marketo_end_at(Window{window_start, window_end});
  } else if (program_id != 0) {
    spec.filter.program_ids = {program_id};
  }
  return spec;
}

std::vector<std::int64_t> snapshot_programs(const ExportSync& sync) {
  if (sync.windowed() || sync.request.filter.type != marketo::FilterType::program_ids ||
      sync.request.filter.program_ids.empty())
    return {0};
  return sync.request.filter.program_ids;
}

}  // namespace msync::exports

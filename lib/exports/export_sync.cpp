#include "exports/export_sync.hpp"

namespace msync::exports {

marketo::ExportSpec export_spec_for(const ExportSync& sync, core::Timestamp window_start,
                                    core::Timestamp window_end) {
  marketo::ExportSpec spec = sync.request;
  if (sync.windowed()) {
    spec.filter.start_at = window_start;
    spec.filter.end_at = marketo_end_at(Window{window_start, window_end});
  }
  return spec;
}

}  // namespace msync::exports

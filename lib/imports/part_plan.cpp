#include "imports/part_plan.hpp"

namespace msync::imports {

PartPlanner::PartPlanner(std::uint64_t max_part_bytes) { plan_.max_part_bytes = max_part_bytes; }

void PartPlanner::record_ended(std::uint64_t end) {
  if (unfit_) return;
  if (plan_.header_bytes == 0) {  // a record is at least its line break: the header ends past 0
    plan_.header_bytes = end;
    unfit_ = !fits(0);
  } else if (!fits(end - last_end_)) {
    unfit_ = true;
  } else if (plan_.parts.empty() || !fits(end - plan_.parts.back().begin)) {
    plan_.parts.push_back(PartRange{last_end_, end, 1});
  } else {
    plan_.parts.back().end = end;
    ++plan_.parts.back().records;
  }
  last_end_ = end;
}

std::optional<PartPlan> PartPlanner::finish(std::uint64_t file_bytes) {
  if (unfit_ || plan_.header_bytes == 0 || last_end_ != file_bytes) return std::nullopt;
  plan_.file_bytes = file_bytes;
  return plan_;
}

}  // namespace msync::imports

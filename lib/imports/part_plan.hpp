#pragma once
// Where a file is cut into parts, worked out from its record ends while the file is validated, so
// that the split copies byte ranges (in the kernel, copy_file_range) instead of reading every byte
// again to find the records. The cuts are RecordSplitter's exactly: a part holds the header row
// and then as many whole records as keep it under max_part_bytes, and the next part starts with
// the record that did not fit. Tests split the same files both ways and compare the parts byte
// for byte. Private to lib/imports.
#include <cstdint>
#include <optional>
#include <vector>

#include "csv/csv.hpp"

namespace msync::imports {

struct PartRange {
  std::uint64_t begin = 0;  // the first record's first byte in the file
  std::uint64_t end = 0;    // just past the last record
  std::uint64_t records = 0;
};

struct PartPlan {
  std::uint64_t max_part_bytes = 0;
  std::uint64_t file_bytes = 0;
  std::uint64_t header_bytes = 0;  // the header row, its line break included: [0, header_bytes)
  std::vector<PartRange> parts;    // each part is written as the header row, then its range
};

class PartPlanner final : public csv::RecordEndObserver {
 public:
  explicit PartPlanner(std::uint64_t max_part_bytes);

  void record_ended(std::uint64_t end) override;
  // The plan for a file of `file_bytes` whose every record end was reported; nullopt when the
  // header row or some record cannot fit in a part (the reading split names it, with its line).
  std::optional<PartPlan> finish(std::uint64_t file_bytes);

 private:
  bool fits(std::uint64_t record_bytes) const { return plan_.header_bytes + record_bytes < plan_.max_part_bytes; }

  PartPlan plan_;
  bool unfit_ = false;
  std::uint64_t last_end_ = 0;
};

}  // namespace msync::imports

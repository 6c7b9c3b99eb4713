#pragma once
// The splitter behind split_import_file: cuts a stream of chunks into records and the records into
// parts under a size limit, each part starting with the header row. Records end the way
// RecordCounter counts them: a quote toggles "inside a quoted field" (a doubled quote toggles
// twice) and a newline outside quotes ends a record. The file was validated, so this is exact;
// bytes are copied as they are, CR and all. Any chunking of the same bytes gives the same parts.
// Private to lib/imports.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"
#include "csv/csv.hpp"
#include "imports/file_splitter.hpp"
#include "imports/split_part_writer.hpp"

namespace msync::imports {

class RecordSplitter {
 public:
  RecordSplitter(std::filesystem::path out_dir, csv::Format format, std::uint64_t max_part_bytes);

  core::Status feed(std::string_view chunk);
  // The last record (it may lack a final newline), then the last part.
  core::Result<std::vector<FilePart>> finish();

 private:
  // Scans with memchr, not byte by byte: records are long and quotes rare.
  struct Step {
    std::size_t next = 0;       // where scanning goes on
    bool record_ended = false;  // [record start, next) is a whole record, its newline included
  };
  Step skip_quoted(std::string_view chunk, std::size_t from);
  Step scan_unquoted(std::string_view chunk, std::size_t from);

  bool fits(std::size_t record_bytes) const { return header_.size() + record_bytes < max_; }
  core::Error too_large() const;

  // A whole record that lies in the chunk at [begin, end): joins the batch of records that go to
  // the current part in one write.
  core::Status take_in_chunk(std::string_view chunk, std::size_t begin, std::size_t end);
  // The record carried over from earlier chunks, now whole in carried_.
  core::Status take_carried();
  core::Status flush_batch(std::string_view chunk, std::size_t end);
  core::Status start_part();
  core::Status commit_part();

  std::filesystem::path out_dir_;
  csv::Format format_;
  std::uint64_t max_;
  bool in_quotes_ = false;
  std::uint64_t line_ = 1;         // the physical line being read
  std::uint64_t record_line_ = 1;  // where the record in progress starts
  std::string carried_;            // a record begun in an earlier chunk, line end not yet seen
  std::string header_;
  bool have_header_ = false;
  static constexpr std::size_t kUnknown = std::string_view::npos - 1;
  std::size_t newline_ = kUnknown;  // in the current chunk: the next line end at or after the scan
  std::size_t batch_begin_ = 0;    // in the current chunk: whole records not yet written
  std::uint64_t batch_records_ = 0;
  std::unique_ptr<SplitPartWriter> part_;
  std::uint64_t part_records_ = 0;
  std::vector<FilePart> parts_;
};

}  // namespace msync::imports

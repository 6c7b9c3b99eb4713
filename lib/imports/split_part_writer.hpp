#pragma once
// One part of a split import file: the bytes go to a hidden temporary beside the part
// ("out/.part-001.csv.tmp"), which commit() renames over the part's name, so a part is only ever
// seen whole. A writer dropped before commit() removes its temporary.
//
// Parts are not fsynced. They are derived data: the source file is moved durably into the work
// directory before it is split, and every start re-splits it (the same bytes, the same names)
// before any part is read again; once the source has left for the done folder, no part is read.
// A crash can lose a part's bytes, never the data. The fsyncs cost the import path a wait for
// the whole file to reach the disk (bench/README.md, change 12). Private to lib/imports.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/core.hpp"
#include "csv/csv.hpp"
#include "imports/range_copy.hpp"

namespace msync::imports {

// out_dir/part-001.csv for the first part of a CSV file: the same names on every split.
std::filesystem::path part_path(const std::filesystem::path& out_dir, std::size_t number, csv::Format format);

class SplitPartWriter {
 public:
  static core::Result<std::unique_ptr<SplitPartWriter>> create(std::filesystem::path part);
  ~SplitPartWriter();
  SplitPartWriter(const SplitPartWriter&) = delete;
  SplitPartWriter& operator=(const SplitPartWriter&) = delete;

  core::Status append(std::string_view bytes);
  // [offset, offset + length) of `from`, copied in the kernel.
  core::Status append_range(OpenFile from, std::uint64_t offset, std::uint64_t length);
  core::Status commit();

  std::uint64_t bytes() const { return bytes_; }
  const std::filesystem::path& path() const { return part_; }

 private:
  SplitPartWriter(std::filesystem::path part, std::filesystem::path temporary, int fd);
  core::Status flush();
  core::Status write(std::string_view bytes);

  std::filesystem::path part_;
  std::filesystem::path temporary_;
  int fd_;
  std::string pending_;  // written in large pieces, not a syscall per record
  std::uint64_t bytes_ = 0;
  bool committed_ = false;
};

}  // namespace msync::imports

#pragma once
// One part of a split import file, written durably: the bytes go to a hidden temporary beside the
// part ("out/.part-001.csv.tmp"), which commit() fsyncs and renames over the part's name. The
// caller fsyncs the directory once every part is renamed. A writer dropped before commit()
// removes its temporary. Private to lib/imports.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/core.hpp"
#include "staging/writeback_pacer.hpp"

namespace msync::imports {

class SplitPartWriter {
 public:
  static core::Result<std::unique_ptr<SplitPartWriter>> create(std::filesystem::path part);
  ~SplitPartWriter();
  SplitPartWriter(const SplitPartWriter&) = delete;
  SplitPartWriter& operator=(const SplitPartWriter&) = delete;

  core::Status append(std::string_view bytes);
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
  std::uint64_t written_ = 0;
  // A part is under 10 MB: queue its writeback every MiB, so that commit()'s fsync finds little
  // left to wait for while the next part is being cut.
  staging::WritebackPacer writeback_{1 << 20};
  bool committed_ = false;
};

}  // namespace msync::imports

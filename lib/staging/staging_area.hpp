#pragma once
// The staging directory: where downloads grow (.tmp/<file>.part) and how they are published
// (fsync, rename into staging_dir/<sync>/, fsync the directory, then the manifest the same way).
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "core/core.hpp"
#include "staging/manifest.hpp"
#include "staging/part_file.hpp"
#include "staging/range_marker.hpp"

namespace msync::staging {

struct StagedPaths {
  std::filesystem::path sync_dir;      // staging_dir/<sync>
  std::filesystem::path tmp_dir;       // staging_dir/<sync>/.tmp
  std::filesystem::path part;          // .tmp/<file>.part
  std::filesystem::path file;          // <sync>/<file>
  std::filesystem::path manifest;      // <sync>/<file>.manifest.json
  std::filesystem::path manifest_tmp;  // .tmp/<file>.manifest.json.tmp
};

class StagingArea {
 public:
  explicit StagingArea(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }

  // Refuses a sync or file name that could leave the staging directory.
  core::Result<StagedPaths> paths(std::string_view sync, std::string_view file_name) const;

  // Creates the directories (0750) and the .part (0640), or reopens the .part to resume.
  core::Result<std::unique_ptr<PartFile>> open_part(std::string_view sync,
                                                    std::string_view file_name,
                                                    PartOptions options = {}) const;

  // Publishes manifest.file of manifest.sync: the .part is fsynced and renamed into place, the
  // directory fsynced, then the manifest written the same way. Safe to call again after a crash
  // at any step: a .part already renamed is recognised and the remaining steps are done.
  // The file's size must equal manifest.stored_bytes (manifest.bytes when uncompressed, which
  // the manifest then records as storedBytes). Returns the published file's path.
  core::Result<std::filesystem::path> publish(const Manifest& manifest) const;

  // Writes the marker into staging_dir/<sync>/ atomically and durably (.tmp/ file, fsync, rename,
  // fsync the directory), replacing one of the same name: writing it again is harmless.
  core::Result<std::filesystem::path> publish_marker(const RangeMarker& marker) const;

  // The manifest of a file already published (nullopt when there is none yet): a job whose file
  // was published before a crash goes on from there instead of downloading the file again.
  core::Result<std::optional<Manifest>> published(std::string_view sync, std::string_view file_name) const;

 private:
  std::filesystem::path root_;
};

}  // namespace msync::staging

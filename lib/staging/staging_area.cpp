#include "staging/staging_area.hpp"

#include <cerrno>

#include <unistd.h>

#include <fmt/format.h>

#include "staging/file_ops.hpp"
#include "staging/staged_name.hpp"

namespace msync::staging {
namespace {

core::Status check_size(const std::filesystem::path& file, std::uint64_t actual,
                        std::uint64_t expected) {
  if (actual == expected) return {};
  return core::make_error(
      fmt::format("{} holds {} bytes but its manifest says {}", file.string(), actual, expected),
      core::ErrorKind::permanent);
}

// Steps 1-2: the data file. Returns whether a .part was renamed now.
core::Result<bool> place_file(const StagedPaths& p, std::uint64_t expected_bytes) {
  auto part_size = detail::regular_file_size(p.part);
  if (!part_size) return part_size.error();
  if (*part_size) {
    if (auto s = check_size(p.part, **part_size, expected_bytes); !s) return s.error();
    if (auto s = detail::fsync_file(p.part); !s) return s.error();
    if (auto s = detail::rename_file(p.part, p.file); !s) return s.error();
    core::crash_point("export.after_file_rename");  // the data file is in place, its manifest is not
    if (auto s = detail::fsync_directory(p.sync_dir); !s) return s.error();
    return true;
  }
  // No .part: a previous run renamed it and may have stopped before the directory fsync.
  auto file_size = detail::regular_file_size(p.file);
  if (!file_size) return file_size.error();
  if (!*file_size)
    return core::make_error(fmt::format("nothing to publish: neither {} nor {} exists",
                                        p.part.string(), p.file.string()),
                            core::ErrorKind::permanent);
  if (auto s = check_size(p.file, **file_size, expected_bytes); !s) return s.error();
  if (auto s = detail::fsync_directory(p.sync_dir); !s) return s.error();
  return false;
}

}  // namespace

core::Result<StagedPaths> StagingArea::paths(std::string_view sync,
                                             std::string_view file_name) const {
  if (auto s = validate_name_part("sync name", sync); !s) return s.error();
  if (auto s = validate_file_name(file_name); !s) return s.error();
  StagedPaths p;
  p.sync_dir = root_ / std::string(sync);
  p.tmp_dir = p.sync_dir / ".tmp";
  p.part = p.tmp_dir / fmt::format("{}.part", file_name);
  p.file = p.sync_dir / std::string(file_name);
  p.manifest = p.sync_dir / manifest_file_name(file_name);
  p.manifest_tmp = p.tmp_dir / fmt::format("{}.tmp", manifest_file_name(file_name));
  return p;
}

core::Result<std::unique_ptr<PartFile>> StagingArea::open_part(std::string_view sync,
                                                               std::string_view file_name,
                                                               PartOptions options) const {
  auto p = paths(sync, file_name);
  if (!p) return p.error();
  if (auto s = detail::ensure_directory(p->tmp_dir); !s) return s.error();
  return PartFile::open(p->part, options);
}

core::Status StagingArea::discard_part(std::string_view sync, std::string_view file_name) const {
  auto p = paths(sync, file_name);
  if (!p) return p.error();
  if (::unlink(p->part.c_str()) != 0 && errno != ENOENT) return detail::os_error("remove", p->part, errno);
  return detail::fsync_directory(p->tmp_dir);
}

core::Result<std::filesystem::path> StagingArea::publish(const Manifest& given) const {
  Manifest manifest = given;
  if (manifest.compression == Compression::none) manifest.stored_bytes = manifest.bytes;
  auto p = paths(manifest.sync, manifest.file);
  if (!p) return p.error();
  if (auto s = validate_name_part("exportId", manifest.export_id); !s) return s.error();
  auto renamed_now = place_file(*p, manifest.stored_bytes);
  if (!renamed_now) return renamed_now.error();
  if (!*renamed_now) {
    auto existing = detail::regular_file_size(p->manifest);
    if (!existing) return existing.error();
    if (*existing) return p->file;  // everything was done before
  }
  if (auto s = detail::ensure_directory(p->tmp_dir); !s) return s.error();
  if (auto s = detail::write_durably(p->manifest_tmp, render_manifest(manifest)); !s)
    return s.error();
  if (auto s = detail::rename_file(p->manifest_tmp, p->manifest); !s) return s.error();
  if (auto s = detail::fsync_directory(p->sync_dir); !s) return s.error();
  return p->file;
}

core::Result<std::filesystem::path> StagingArea::publish_marker(const RangeMarker& marker) const {
  const std::string name = range_marker_file_name(marker);
  auto p = paths(marker.sync, name);
  if (!p) return p.error();
  // Through .tmp/ like a manifest, so that a crash mid-write leaves nothing beside the data.
  if (auto s = detail::ensure_directory(p->tmp_dir); !s) return s.error();
  const auto tmp = p->tmp_dir / (name + ".tmp");
  if (auto s = detail::write_durably(tmp, render_range_marker(marker)); !s) return s.error();
  if (auto s = detail::rename_file(tmp, p->file); !s) return s.error();
  if (auto s = detail::fsync_directory(p->sync_dir); !s) return s.error();
  return p->file;
}

core::Result<bool> StagingArea::published(std::string_view sync,
                                          std::string_view file_name) const {
  auto p = paths(sync, file_name);
  if (!p) return p.error();
  auto size = detail::regular_file_size(p->manifest);
  if (!size) return size.error();
  return size->has_value();
}

}  // namespace msync::staging

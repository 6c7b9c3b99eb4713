#include "staging/staging_area.hpp"

#include <cerrno>
#include <fstream>
#include <iterator>
#include <optional>

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

// Writes a small text durably through a temporary in .tmp/, renames it into place and fsyncs the
// sync's directory: a crash at any point leaves either the old text or the new one.
core::Status place_text(const StagedPaths& p, const std::filesystem::path& tmp, const std::filesystem::path& target,
                        std::string_view text) {
  if (auto s = detail::ensure_directory(p.tmp_dir); !s) return s;
  if (auto s = detail::write_durably(tmp, text); !s) return s;
  if (auto s = detail::rename_file(tmp, target); !s) return s;
  return detail::fsync_directory(p.sync_dir);
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
  if (auto s = place_text(*p, p->manifest_tmp, p->manifest, render_manifest(manifest)); !s) return s.error();
  return p->file;
}

core::Result<std::filesystem::path> StagingArea::publish_marker(const RangeMarker& marker) const {
  const std::string name = range_marker_file_name(marker);
  auto p = paths(marker.sync, name);
  if (!p) return p.error();
  // Through .tmp/ like a manifest, so that a crash mid-write leaves nothing beside the data.
  if (auto s = place_text(*p, p->tmp_dir / (name + ".tmp"), p->file, render_range_marker(marker)); !s)
    return s.error();
  return p->file;
}

core::Result<std::optional<Manifest>> StagingArea::published(std::string_view sync,
                                                             std::string_view file_name) const {
  auto p = paths(sync, file_name);
  if (!p) return p.error();
  auto size = detail::regular_file_size(p->manifest);
  if (!size) return size.error();
  if (!size->has_value()) return std::optional<Manifest>{};
  std::ifstream in(p->manifest, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in) return detail::os_error("read", p->manifest, errno);
  auto manifest = parse_manifest(text);
  if (!manifest) return manifest.error();
  return std::optional<Manifest>(std::move(*manifest));
}

}  // namespace msync::staging

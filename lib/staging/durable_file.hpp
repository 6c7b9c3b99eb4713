#pragma once
// Durable file steps for other folders (lib/imports): each either completes and survives a crash
// (data fsynced, directory entry fsynced) or fails with the path and strerror; none deletes a file
// it did not create.
#include <filesystem>
#include <string_view>

#include "core/core.hpp"

namespace msync::staging {

// Creates the directory and missing parents (0750), each new entry fsynced into its parent.
core::Status make_directory_durably(const std::filesystem::path& dir);

// Replaces `file` with `content` atomically: a temporary beside it, fsync, rename, fsync dir.
core::Status replace_file_durably(const std::filesystem::path& file, std::string_view content);

// rename(2) within one filesystem, then fsyncs the source and target directories. Fails (and
// changes nothing) when `to` exists, so nothing is ever overwritten by a move.
core::Status move_durably(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace msync::staging

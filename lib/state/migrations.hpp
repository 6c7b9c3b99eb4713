#pragma once
// The schema as an ordered list of scripts: script i (0-based) takes user_version i to i + 1.
// Scripts are only ever appended; a released one is never edited.
#include <span>
#include <string_view>

#include "core/result.hpp"

namespace msync::state {

namespace sqlite {
class Database;
}

std::span<const std::string_view> migrations();

// Applies the missing scripts and sets user_version, all in one transaction. Refuses a database
// whose user_version is newer than this program knows.
core::Status migrate(sqlite::Database& db);

// For read-only openers: the database must be exactly at the current version.
core::Status check_schema_current(sqlite::Database& db);

}  // namespace msync::state

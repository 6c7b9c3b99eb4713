#pragma once
// SQLite result codes as core::Error: "<db file>: <SQLite's message>". Busy and locked are transient
// (another process holds the lock longer than busy_timeout); everything else is left to the caller.
#include "core/result.hpp"

struct sqlite3;

namespace msync::state::sqlite {

core::Error error_from(sqlite3* db, int code);

}  // namespace msync::state::sqlite

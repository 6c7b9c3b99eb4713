#pragma once
// lib/state, the front door: the SQLite store of syncs, windows, watermarks, export jobs and the
// daily ledgers. No SQL leaves this folder.
#include "state/kinds.hpp"
#include "state/records.hpp"
#include "state/store.hpp"

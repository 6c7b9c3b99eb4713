#pragma once
// lib/imports, the front door: program member imports from inbound files. The watcher says which
// files are complete; the validator and splitter prepare them; the import engine uploads each part
// as a Marketo batch within the 2 importing / 10 queued limits, polls it, and publishes the results
// (or rejects the file with a reason) beside the inbound directory.
#include "imports/field_catalog.hpp"
#include "imports/file_splitter.hpp"
#include "imports/file_validator.hpp"
#include "imports/import_format.hpp"
#include "imports/import_paths.hpp"
#include "imports/import_results.hpp"
#include "imports/import_engine.hpp"
#include "imports/import_slots.hpp"
#include "imports/import_sync.hpp"
#include "imports/inbound_watcher.hpp"

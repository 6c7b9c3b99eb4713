#pragma once
// lib/staging, the front door: staged file names, the download sink (.part with running SHA-256
// and record count over the raw bytes, stored as they are or gzip / zstd compressed in frames,
// resumable), verification against Marketo's announced size / checksum /
// records, and atomic publication with a manifest written after its file.
//
// Layout: staging_dir/<sync>/<file> and <file>.manifest.json; work in progress lives in
// staging_dir/<sync>/.tmp/, which readers ignore. Files appear only whole.
#include "staging/background_sha256.hpp"
#include "staging/compression.hpp"
#include "staging/durable_file.hpp"
#include "staging/manifest.hpp"
#include "staging/part_file.hpp"
#include "staging/range_marker.hpp"
#include "staging/sha256.hpp"
#include "staging/staged_name.hpp"
#include "staging/staging_area.hpp"

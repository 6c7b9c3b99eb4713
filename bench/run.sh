#!/usr/bin/env bash
# The one command: runs every benchmark and writes its section of bench/README.md.
#
#   bash bench/run.sh
#   ONLY="download import" bash bench/run.sh        # a subset
# Each script's own knobs pass through the environment:
#   serving   RUNS, LEADS                            (bench/fake_marketo_serving.sh)
#   download  DOWNLOAD_LEADS="750000 7500000 30000000" for ~0.1, 1.1, 4.7 GB; SCHEMES (download.sh)
#   import    IMPORT_MB, RUNS                        (import.sh)
#   import-calls FILES, BIG, BIG_ROWS, QUEUE_SECONDS, IMPORT_SECONDS, POLL (import_calls.sh)
#   idle      IDLE_SYNCS, IDLE_SECONDS               (idle.sh)
#   backfill  WINDOWS, JOB_SECONDS, FOREIGN, SYNCS, SYNC_WINDOW, POLL (backfill.sh)
# and BUILD (default build/release), BUILD_LOCK (flock file around builds), BENCH_TMP (scratch
# directory) apply to all. The build directory is configured with MSYNC_BENCH=ON for the import
# driver. Takes ~25 minutes as set.
source "$(dirname "$0")/lib.sh"
build_targets marketo-syncd fake-marketo import-split-bench

declare -A scripts=([serving]=fake_marketo_serving.sh [download]=download.sh [import]=import.sh
                    [import-calls]=import_calls.sh [idle]=idle.sh [backfill]=backfill.sh)
for name in ${ONLY:-serving download import import-calls idle backfill}; do
  [ -n "${scripts[$name]:-}" ] || { echo "bench: no benchmark '$name' (${!scripts[*]})" >&2; exit 64; }
  echo "== bench: $name"
  bash "bench/${scripts[$name]}"
done

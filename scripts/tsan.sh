#!/usr/bin/env bash
# The one place work leaves the event loop's thread is the background SHA-256 of a download or an
# import file (lib/staging/background_sha256). This builds the staging tests, which drive it
# directly and through PartFile, with ThreadSanitizer (gcc, its own tree: TSan and ASan cannot be
# combined) and runs them; any data race fails the run.
#   bash scripts/tsan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/tsan
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMSYNC_SANITIZE_THREAD=ON -DMSYNC_WERROR=ON >/dev/null
cmake --build "$build" -j2 --target staging_test
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 "$build/tests/unit/staging/staging_test"

#!/usr/bin/env bash
# Installs what is missing, builds everything with AddressSanitizer + UndefinedBehaviorSanitizer and
# -Werror, and runs every test with ctest; then the threaded hashing under ThreadSanitizer
# (scripts/tsan.sh); then runs every libFuzzer target for 60 s each
# (scripts/fuzz.sh, clang), and checks the systemd units and the Debian package
# (scripts/test-package.sh). This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
build=build/asan
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMSYNC_SANITIZE=ON -DMSYNC_WERROR=ON
cmake --build "$build" -j2
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" --output-on-failure -j2 --timeout 600

# The background hashing thread under ThreadSanitizer.
bash scripts/tsan.sh

# The parsers under libFuzzer (clang, ASan+UBSan): 0 crashes, 0 leaks, no broken invariant.
bash scripts/fuzz.sh

# The units (systemd-analyze verify and security), then the .deb (Release build, install, removal).
bash systemd/verify.sh
bash scripts/test-package.sh

#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/*) with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, the libraries instrumented for coverage too (warnings are errors in
# the gcc build that CI tests with; here they are only shown), and runs each for
# FUZZ_SECONDS (default 60) from a copy of its seed corpus, two at a time. Prints each target's
# executions and coverage; exits non-zero on any crash, leak, timeout or broken invariant, leaving
# the input that caused it in build/fuzz/artifacts/.
#   FUZZ_SECONDS=600 bash scripts/fuzz.sh          # a longer run
#   FUZZ_TARGETS="csv_scanner" bash scripts/fuzz.sh  # some targets only
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/fuzz
seconds=${FUZZ_SECONDS:-60}

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DMSYNC_SANITIZE=ON -DMSYNC_WERROR=OFF -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
cmake --build "$build" -j2 --target fuzzers

targets=${FUZZ_TARGETS:-$(for d in tests/fuzz/*/CMakeLists.txt; do basename "$(dirname "$d")"; done)}
mkdir -p "$build/artifacts" "$build/runs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/fuzz/ubsan.supp

run_one() {
  local target=$1 dir="tests/fuzz/$1" work="$build/runs/$1"
  rm -rf "$work" && mkdir -p "$work/corpus"
  cp -r "$dir/corpus/." "$work/corpus/"
  local dict=()
  for d in "$dir"/*.dict; do [ -f "$d" ] && dict=(-dict="$d"); done
  "$build/tests/fuzz/$target/${target}_fuzz" "$work/corpus" "${dict[@]}" \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" >"$work/log" 2>&1
}

summary() {
  local target=$1 log="$build/runs/$1/log"
  local runs cov ft
  runs=$(LC_ALL=C sed -n -e 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(grep -a -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -a -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-18s %12s runs  %6s edges  %6s features  %s corpus files\n' "$target" "${runs:-?}" \
    "${cov:-?}" "${ft:-?}" "$(ls "$build/runs/$target/corpus" | wc -l)"
}

failed=0
set -- $targets
while [ $# -gt 0 ]; do
  pids=() names=()
  for _ in 1 2; do
    [ $# -gt 0 ] || break
    run_one "$1" & pids+=($!) names+=("$1")
    shift
  done
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      echo "fuzz: ${names[$i]} FAILED; its log: $build/runs/${names[$i]}/log" >&2
      tail -40 "$build/runs/${names[$i]}/log" >&2
      failed=1
    fi
  done
done

echo "fuzz: ${seconds}s per target"
for t in $targets; do summary "$t"; done
exit $failed

# Shared pieces of the bench scripts (sourced, not run). Sets $root, $build, $fake, $syncd, $work,
# and cleans up every server it started and its scratch directory on exit.
#   BUILD=build/release (default), FAKE_MARKETO=..., MARKETO_SYNCD=... override the binaries;
#   BUILD_LOCK=FILE takes that flock around every build step.
#   BENCH_TMP=DIR puts the scratch directory (big files) elsewhere; default: under the build
#   directory, on the repository's disk.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
build=${BUILD:-build/release}
fake=${FAKE_MARKETO:-$root/$build/tests/fake_marketo/fake-marketo}
syncd=${MARKETO_SYNCD:-$root/$build/daemon/marketo-syncd}
certs=$root/tests/fake_marketo/certs

# build_targets TARGET...: configures $build (Release, bench drivers on) and builds the targets;
# BUILD_LOCK=FILE serialises this with other builds on a shared machine (flock).
build_targets() {
  local lock=()
  [ -n "${BUILD_LOCK:-}" ] && lock=(flock "$BUILD_LOCK")
  "${lock[@]}" cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMSYNC_TESTS=OFF \
    -DMSYNC_BENCH=ON >/dev/null
  "${lock[@]}" cmake --build "$build" -j2 --target "$@"
}
if [ ! -x "$fake" ] || [ ! -x "$syncd" ]; then build_targets fake-marketo marketo-syncd; fi

# Scratch space on the same disk as the repository unless told otherwise: "the same disk" matters
# for the download comparison.
mkdir -p "${BENCH_TMP:-$root/$build/bench-scratch}"
work=$(mktemp -d "${BENCH_TMP:-$root/$build/bench-scratch}/run.XXXXXX")
bench_pids=()
bench_cleanup() {
  for p in "${bench_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap bench_cleanup EXIT

# The value of a flat JSON key ("key":"text" or "key":123) in stdin: enough for Marketo's answers.
json_get() { { grep -o "\"$1\": *\(\"[^\"]*\"\|[0-9.]*\)" || true; } | sed -n '1{s/^[^:]*: *//; s/^"//; s/"$//; p}'; }
# User + system CPU seconds of a running process.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$1/stat"; }
load_avg() { cut -d' ' -f1 /proc/loadavg; }
machine() { echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(free -g | awk '/Mem:/ { print $2 }') GB RAM"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# One core's SHA-256 rate in MB/s (OpenSSL, 1 MiB blocks, the daemon's own library): the ceiling of
# any process that must checksum a stream, since SHA-256 cannot be split across cores.
sha256_rate() { openssl speed -seconds 1 -bytes 1048576 -evp sha256 2>/dev/null | awk '/^sha256/ { printf "%.0f", $2 / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b == 0 ? 0 : a / b) }'; }

# Requests in fake-marketo's request log whose target matches REGEX (requests), or whose Marketo
# error is CODE (errors).
requests() { grep -c "\"target\":\"[^\"]*$1" "$2" || true; }
errors() { grep -c "\"marketo_error\":\"$1\"" "$2" || true; }

# start_fake NAME [fake-marketo flags]: starts fake-marketo in $work/NAME; sets $url and $fake_pid.
start_fake() {
  local name=$1; shift
  mkdir -p "$work/$name"
  "$fake" --files-dir "$work/$name" "$@" > "$work/$name.out" 2> "$work/$name.err" &
  fake_pid=$!
  bench_pids+=("$fake_pid")
  for _ in $(seq 100); do
    [ -s "$work/$name.out" ] && break
    sleep 0.1
  done
  url=$(head -1 "$work/$name.out" | sed -n 's/^listening on //p')
  [ -n "$url" ] || { echo "fake-marketo did not start: $(cat "$work/$name.err")" >&2; exit 1; }
}

stop_fake() { kill "$fake_pid" 2>/dev/null || true; wait "$fake_pid" 2>/dev/null || true; }

# write_section KEY FILE: replaces (or appends) the block between <!-- KEY:begin --> and
# <!-- KEY:end --> in bench/README.md with FILE, which holds the whole block with its markers.
write_section() {
  local key=$1 file=$2 readme=$root/bench/README.md
  local begin="<!-- $key:begin -->" end="<!-- $key:end -->"
  [ -f "$readme" ] || printf '# Benchmarks\n\nEach section names its command and the machine it ran on.\n' > "$readme"
  if grep -qF "$begin" "$readme"; then
    awk -v b="$begin" -v e="$end" -v f="$file" '
      $0 == b { while ((getline line < f) > 0) print line; skip = 1; next }
      $0 == e { skip = 0; next }
      !skip { print }' "$readme" > "$work/readme.new"
    cp "$work/readme.new" "$readme"
  else
    printf '\n' >> "$readme"
    cat "$file" >> "$readme"
  fi
  echo "bench: wrote section $key into bench/README.md"
}

# A daemon configuration head for fake-marketo at $url: write_config_head FILE POLL [extra marketo
# keys as YAML lines, indented two spaces].
write_config_head() {
  local file=$1 poll=$2; shift 2
  {
    echo "marketo:"
    echo "  base_url: $url"
    echo "  client_id: demo-client"
    echo "  client_secret: demo-secret"
    case $url in https:*) echo "  ca_file: $certs/ca.pem" ;; esac
    echo "  poll_interval: $poll"
    for line in "$@"; do echo "  $line"; done
    echo "state_db: state.db"
    echo "staging_dir: staging"
    echo "health:"
    echo "  listen: 127.0.0.1:0"
    echo "exports:"
  } > "$file"
}

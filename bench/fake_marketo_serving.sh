#!/usr/bin/env bash
# Measures how fast fake-marketo serves a completed export file over loopback: renders one export
# of >= 1 GB, then downloads it with `curl -o /dev/null` over HTTP and over HTTPS (test CA) and
# records the rates in bench/README.md ("fake-marketo serving rate").
#
#   bash bench/fake_marketo_serving.sh            # uses build/release (configures + builds if needed)
#   BUILD=build/server RUNS=3 LEADS=7500000 bash bench/fake_marketo_serving.sh
#   FAKE_MARKETO=path/to/fake-marketo bash bench/fake_marketo_serving.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${BUILD:-build/release}
runs=${RUNS:-3}
leads=${LEADS:-7500000}   # ~148 bytes a lead with every field: ~1.1 GB

bin=${FAKE_MARKETO:-$root/$build/tests/fake_marketo/fake-marketo}
if [ ! -x "$bin" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j2 --target fake-marketo
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The value of a flat JSON key ("key":"text" or "key":123) in stdin: enough for Marketo's answers.
json_get() { { grep -o "\"$1\":\(\"[^\"]*\"\|[0-9]*\)" || true; } | sed -n '1{s/^[^:]*://; s/^"//; s/"$//; p}'; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$1/stat"; }

# start NAME [extra flags]: starts a server, sets $url.
start() {
  local name=$1; shift
  mkdir -p "$work/$name"
  "$bin" --leads "$leads" --span-days 31 --queue-seconds 0 --process-seconds 0 --status-refresh 0 \
    --daily-quota 100GB --files-dir "$work/$name" "$@" > "$work/$name.out" 2> "$work/$name.err" &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 100); do
    [ -s "$work/$name.out" ] && break
    sleep 0.1
  done
  url=$(head -1 "$work/$name.out" | sed 's/^listening on //')
  [ -n "$url" ] || { echo "fake-marketo did not start: $(cat "$work/$name.err")" >&2; exit 1; }
}

# export_file CURL_ARGS...: runs one export to Completed; sets $file_url, $size, $token.
export_file() {
  token=$(curl -sf "$@" "$url/identity/oauth/token?grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret" | json_get access_token)
  local body='{"fields":["id","email","firstName","lastName","company","title","leadScore","phone","city","country","createdAt","updatedAt"],"filter":{"createdAt":{"startAt":"2024-01-01T00:00:00Z","endAt":"2024-01-31T23:59:59Z"}}}'
  local id
  id=$(curl -sf "$@" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" \
    "$url/bulk/v1/leads/export/create.json" | json_get exportId)
  curl -sf "$@" -X POST -H "Authorization: Bearer $token" "$url/bulk/v1/leads/export/$id/enqueue.json" >/dev/null
  local state=""
  for _ in $(seq 600); do   # rendering 1 GB takes a while; bounded at ~10 minutes
    local status
    status=$(curl -sf "$@" -H "Authorization: Bearer $token" "$url/bulk/v1/leads/export/$id/status.json")
    state=$(echo "$status" | json_get status)
    [ "$state" = Completed ] && break
    sleep 1
  done
  [ "$state" = Completed ] || { echo "export never completed (last: $state)" >&2; exit 1; }
  size=$(echo "$status" | json_get fileSize)
  file_url="$url/bulk/v1/leads/export/$id/file.json"
}

# measure LABEL CURL_ARGS...: wall-clock MB/s of $runs downloads (median, best), and the rate the
# CPU time allows: bytes / max(curl's CPU seconds, the server's), i.e. what two idle cores would
# give, since the machine is shared and a wall-clock figure mostly measures the neighbours.
measure() {
  local label=$1; shift
  local rates=() cpu_rates=()
  for _ in $(seq "$runs"); do
    local before out times curl_cpu server_cpu
    before=$(cpu_seconds "$server_pid")
    out=$( (curl -sf "$@" -H "Authorization: Bearer $token" -o /dev/null -w '%{size_download} %{speed_download}\n' "$file_url"; times) )
    server_cpu=$(awk -v a="$before" -v b="$(cpu_seconds "$server_pid")" 'BEGIN { print b - a }')
    times=$(echo "$out" | tail -1)   # children's user and system time: curl's
    curl_cpu=$(echo "$times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
    out=$(echo "$out" | head -1)
    [ "${out%% *}" = "$size" ] || { echo "$label: short download ($out of $size)" >&2; exit 1; }
    rates+=("$(awk -v s="${out##* }" 'BEGIN { printf "%.0f", s / 1e6 }')")
    cpu_rates+=("$(awk -v n="$size" -v c="$curl_cpu" -v d="$server_cpu" 'BEGIN { m = c > d ? c : d; if (m < 0.01) m = 0.01; printf "%.0f", n / m / 1e6 }')")
  done
  local median best cpu_median
  median=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  best=$(printf '%s\n' "${rates[@]}" | sort -n | tail -1)
  cpu_median=$(printf '%s\n' "${cpu_rates[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "| $label | $(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1e9 }') GB | $median MB/s | $best MB/s | $cpu_median MB/s | ${rates[*]} | $(cut -d' ' -f1 /proc/loadavg) |"
}

start http
export_file
http_row=$(measure "HTTP" )
echo "$http_row"
start https --tls-cert tests/fake_marketo/certs/server.pem --tls-key tests/fake_marketo/certs/server.key
export_file --cacert tests/fake_marketo/certs/ca.pem
https_row=$(measure "HTTPS (TLS 1.3, test CA)" --cacert tests/fake_marketo/certs/ca.pem)
echo "$https_row"

section=$(cat <<MD
<!-- fake-marketo-serving:begin -->
## fake-marketo serving rate

Downloading one completed export file (\`file.json\`, every lead field, $leads leads) with
\`curl -o /dev/null\` over loopback, $runs runs each. Plain HTTP streams the file with \`sendfile(2)\`;
HTTPS reads 1 MiB chunks and encrypts them. Measured $(date -u +%Y-%m-%d) on the project machine
($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); curl and the server share them).

"Wall" is what curl saw; "CPU-bound" is bytes / max(curl's CPU time, the server's CPU time), the
rate two otherwise idle cores would give (the machine is shared: see the load average column).

Command: \`bash bench/fake_marketo_serving.sh\` (env: BUILD, RUNS, LEADS, FAKE_MARKETO)

| transport | file | wall median | wall best | CPU-bound (median) | wall runs | load avg |
| --- | --- | --- | --- | --- | --- | --- |
$http_row
$https_row
<!-- fake-marketo-serving:end -->
MD
)

readme=bench/README.md
[ -f "$readme" ] || printf '# Benchmarks\n\nEach section names its command and the machine it ran on.\n' > "$readme"
begin='<!-- fake-marketo-serving:begin -->'
end='<!-- fake-marketo-serving:end -->'
printf '%s\n' "$section" > "$work/section"
if grep -qF "$begin" "$readme"; then
  awk -v b="$begin" -v e="$end" -v f="$work/section" '
    $0 == b { while ((getline line < f) > 0) print line; skip = 1; next }
    $0 == e { skip = 0; next }
    !skip { print }' "$readme" > "$work/readme"
  cp "$work/readme" "$readme"
else
  printf '\n%s\n' "$section" >> "$readme"
fi
echo "bench: wrote the figures into $readme"

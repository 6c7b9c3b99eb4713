#!/usr/bin/env bash
# Measures how fast fake-marketo serves a completed export file over loopback: renders one export
# of >= 1 GB, then downloads it with `curl -o /dev/null` over HTTP and over HTTPS (test CA) and
# records the rates in bench/README.md ("fake-marketo serving rate").
#
#   bash bench/fake_marketo_serving.sh            # uses build/release (configures + builds if needed)
#   BUILD=build/server RUNS=3 LEADS=7500000 bash bench/fake_marketo_serving.sh
#   FAKE_MARKETO=path/to/fake-marketo bash bench/fake_marketo_serving.sh
source "$(dirname "$0")/lib.sh"
runs=${RUNS:-3}
leads=${LEADS:-7500000}   # ~148 bytes a lead with every field: ~1.1 GB

# start NAME [extra flags]: a server with instant jobs; sets $url and $server_pid.
start() {
  local name=$1; shift
  start_fake "$name" --leads "$leads" --span-days 31 --queue-seconds 0 --process-seconds 0 \
    --status-refresh 0 --daily-quota 100GB "$@"
  server_pid=$fake_pid
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
  median=$(printf '%s\n' "${rates[@]}" | median)
  best=$(printf '%s\n' "${rates[@]}" | sort -n | tail -1)
  cpu_median=$(printf '%s\n' "${cpu_rates[@]}" | median)
  echo "| $label | $(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1e9 }') GB | $median MB/s | $best MB/s | $cpu_median MB/s | ${rates[*]} | $(load_avg) |"
}

start http
export_file
http_row=$(measure "HTTP" )
echo "$http_row"
start https --tls-cert "$certs/server.pem" --tls-key "$certs/server.key"
export_file --cacert "$certs/ca.pem"
https_row=$(measure "HTTPS (TLS 1.3, test CA)" --cacert "$certs/ca.pem")
echo "$https_row"

cat > "$work/section" <<MD
<!-- fake-marketo-serving:begin -->
## fake-marketo serving rate

Downloading one completed export file (\`file.json\`, every lead field, $leads leads) with
\`curl -o /dev/null\` over loopback, $runs runs each. Plain HTTP streams the file with \`sendfile(2)\`;
HTTPS reads 1 MiB chunks and encrypts them. Measured $(date -u +%Y-%m-%d) on the project machine
($(machine); curl and the server share them).

"Wall" is what curl saw; "CPU-bound" is bytes / max(curl's CPU time, the server's CPU time), the
rate two otherwise idle cores would give (the machine is shared: see the load average column).

Command: \`bash bench/fake_marketo_serving.sh\` (env: BUILD, RUNS, LEADS, FAKE_MARKETO)

| transport | file | wall median | wall best | CPU-bound (median) | wall runs | load avg |
| --- | --- | --- | --- | --- | --- | --- |
$http_row
$https_row
<!-- fake-marketo-serving:end -->
MD
write_section fake-marketo-serving "$work/section"

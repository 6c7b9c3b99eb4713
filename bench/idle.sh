#!/usr/bin/env bash
# Idle cost: marketo-syncd running (not --once) with 20 syncs configured and nothing due; the CPU
# time of all its threads over a few minutes (from /proc/PID/task/*/schedstat, nanoseconds),
# extrapolated to an hour, and the calls it made to fake-marketo meanwhile.
#
#   bash bench/idle.sh
#   IDLE_SYNCS=20 IDLE_SECONDS=180 bash bench/idle.sh
# Writes the "idle" section of bench/README.md.
source "$(dirname "$0")/lib.sh"
syncs=${IDLE_SYNCS:-20}
seconds=${IDLE_SECONDS:-180}
settle=5
lag_s=900

# Nanoseconds on CPU of every thread of PID, summed.
cpu_ns() { cat /proc/"$1"/task/*/schedstat | awk '{ n += $1 } END { printf "%d", n }'; }

start_fake idle --leads 1000 --request-log "$work/idle.requests"
mkdir -p "$work/idle.d"
write_config_head "$work/idle.d/syncd.yaml" 60s
# Each sync starts 30 s before now - lag: shorter than the planner's 60 s minimum tail, so nothing
# is due until the next plan, an hour away.
start=$(date -u -d "@$(( $(date +%s) - lag_s - 30 ))" +%FT%TZ)
for i in $(seq "$syncs"); do
  cat >> "$work/idle.d/syncd.yaml" <<YAML
  - name: idle_$i
    entity: leads
    fields: [id, email, createdAt]
    filter: createdAt
    start: $start
    window: 7d
    lag: ${lag_s}s
    every: 1h
YAML
done
"$syncd" run --config "$work/idle.d/syncd.yaml" 2> "$work/idle.log" &
daemon_pid=$!
bench_pids+=("$daemon_pid")
sleep "$settle"
load=$(load_avg)
calls_before=$(wc -l < "$work/idle.requests")
before=$(cpu_ns "$daemon_pid")
sleep "$seconds"
after=$(cpu_ns "$daemon_pid")
calls=$(( $(wc -l < "$work/idle.requests") - calls_before ))
threads=$(ls /proc/"$daemon_pid"/task | wc -l)
rss=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' /proc/"$daemon_pid"/status)
kill -TERM "$daemon_pid"
wait "$daemon_pid" || true
load_after=$(load_avg)
grep -q ': staged:\|: created' "$work/idle.log" && { echo "idle: the daemon found work; not idle" >&2; exit 1; }

cpu_s=$(awk -v n="$((after - before))" 'BEGIN { printf "%.4f", n / 1e9 }')
per_hour=$(awk -v c="$cpu_s" -v s="$seconds" 'BEGIN { printf "%.3f", c * 3600 / s }')
echo "idle: ${cpu_s}s CPU in ${seconds}s: ${per_hour} s/h, $calls calls"

cat > "$work/section" <<MD
<!-- idle:begin -->
## 5. Idle cost

\`marketo-syncd run\` (not \`--once\`) with $syncs incremental syncs configured (\`every: 1h\`), every one
caught up so that nothing is due, against fake-marketo. After ${settle} s of start-up, the CPU time of all
its threads (\`/proc/PID/task/*/schedstat\`, nanoseconds) is read over ${seconds} s and **extrapolated**
to an hour (the hourly plan itself is not inside the window measured). Measured $(date -u +%Y-%m-%d)
on $(machine); load average $load at the start, $load_after at the end.

Command: \`bash bench/idle.sh\` (env: IDLE_SYNCS, IDLE_SECONDS)

| syncs | measured | CPU in it | CPU per hour (extrapolated) | calls to Marketo in it | threads | RSS |
| --- | --- | --- | --- | --- | --- | --- |
| $syncs | ${seconds} s | ${cpu_s} s | **${per_hour} s/h** (target < 1 s/h) | $calls | $threads | ${rss} MB |
<!-- idle:end -->
MD
write_section idle "$work/section"

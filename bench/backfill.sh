#!/usr/bin/env bash
# Slot utilisation and API calls: a backfill of N windows whose jobs each take T seconds on
# fake-marketo's clock, run by marketo-syncd as configured (Marketo's 2 processing / 10 queued),
# one job at a time (limits max_processing: 1, max_queued: 1: the way sequential connectors work),
# and with foreign jobs holding slots. Then 10 syncs backfilling a year each under Marketo's
# 100 calls / 20 s: 606/615 answers and the daemon's peak RSS.
#
#   bash bench/backfill.sh
#   WINDOWS=52 JOB_SECONDS=10 FOREIGN=3 SYNCS=10 SYNC_WINDOW=31d bash bench/backfill.sh
# Writes the "backfill" section of bench/README.md.
source "$(dirname "$0")/lib.sh"
windows=${WINDOWS:-52}
job_s=${JOB_SECONDS:-10}
foreign=${FOREIGN:-3}
syncs=${SYNCS:-10}
sync_window=${SYNC_WINDOW:-31d}
poll=${POLL:-1s}
lag_s=900

fields='[id, email, firstName, lastName, createdAt, updatedAt]'

# A sync backfilling COUNT windows of LENGTH seconds, all of them due now.
sync_yaml() {
  local name=$1 start=$2 length=$3
  cat <<YAML
  - name: $name
    entity: leads
    fields: $fields
    filter: createdAt
    start: $start
    window: ${length}s
    lag: ${lag_s}s
    every: 24h
YAML
}

# The start of COUNT windows of LENGTH seconds that end just over `lag` ago: the tail after them
# is shorter than the planner's 60 s minimum, so exactly COUNT windows are due.
backfill_start() { date -u -d "@$(( $(date +%s) - $1 * $2 - lag_s - 20 ))" +%FT%TZ; }

# run_daemon NAME CONFIG: marketo-syncd run --once; sets $wall (s), $cpu (s), $rss (MB), $load.
run_daemon() {
  local name=$1 config=$2
  load=$(load_avg)
  /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" \
    "$syncd" run --config "$config" --once 2> "$work/$name.log" ||
    { echo "backfill: marketo-syncd failed ($name): $(tail -5 "$work/$name.log")" >&2; exit 1; }
  read -r wall user sys rss < "$work/$name.time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  rss=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')
  staged=$(grep -c ': staged:' "$work/$name.log" || true)
}

# makespan_run NAME SEQUENTIAL FAKE_FLAGS...: one sync of $windows windows; SEQUENTIAL=1 limits
# the daemon to one job in Marketo's queue.
makespan_run() {
  local name=$1 sequential=$2 limits=(); shift 2
  [ "$sequential" = 1 ] && limits=("limits:" "  max_processing: 1" "  max_queued: 1")
  local week=$((7 * 86400)) start
  start=$(backfill_start "$windows" "$week")
  start_fake "$name" --leads $((windows * 500)) --epoch "$start" --span-days $((windows * 7)) \
    --queue-seconds 0 --process-seconds "$job_s" --status-refresh 0 --daily-quota 100GB \
    --request-log "$work/$name.requests" "$@"
  mkdir -p "$work/$name.d"
  write_config_head "$work/$name.d/syncd.yaml" "$poll" "${limits[@]}"
  sync_yaml slots "$start" "$week" >> "$work/$name.d/syncd.yaml"
  run_daemon "$name" "$work/$name.d/syncd.yaml"
  stop_fake
  [ "$staged" = "$windows" ] || { echo "backfill: $name staged $staged of $windows windows" >&2; exit 1; }
}

optimum=$(( (windows + 1) / 2 * job_s ))
optimum_foreign=$(( (windows + foreign + 1) / 2 * job_s ))

makespan_run two-slots 0
two_wall=$wall two_cpu=$cpu two_load=$load two_rss=$rss
reqs=$work/two-slots.requests
per_window() { awk -v n="$(requests "$1" "$reqs")" -v w="$windows" 'BEGIN { printf "%.2f", n / w }'; }
calls_create=$(per_window '/create.json') calls_enqueue=$(per_window '/enqueue.json')
calls_status=$(per_window '/status.json') calls_file=$(per_window '/file.json')
calls_token=$(requests '/identity/oauth/token' "$reqs") calls_list=$(requests '/export.json' "$reqs")
calls_all=$(awk -v n="$(wc -l < "$reqs")" -v w="$windows" 'BEGIN { printf "%.2f", n / w }')
echo "two slots: ${two_wall}s (optimum ${optimum}s), calls/window $calls_all"

makespan_run one-at-a-time 1
one_wall=$wall one_cpu=$cpu one_load=$load
echo "one at a time: ${one_wall}s"

makespan_run foreign 0 --foreign-jobs "$foreign" --foreign-job-seconds "$job_s"
foreign_wall=$wall foreign_load=$load
echo "with $foreign foreign jobs: ${foreign_wall}s (optimum ${optimum_foreign}s)"

# 10 syncs, a year each, under Marketo's call limits (fake-marketo's defaults: 100 calls / 20 s,
# 10 concurrent). Jobs are quick here: the call budget, not the slots, is the bound.
length=$(( ${sync_window%d} * 86400 ))
per_sync=$(( (365 * 86400 + length - 1) / length ))
start=$(backfill_start "$per_sync" "$length")
start_fake many --leads 50000 --epoch "$start" --span-days 365 --queue-seconds 0.2 \
  --process-seconds 0.5 --status-refresh 0 --daily-quota 100GB --request-log "$work/many.requests"
mkdir -p "$work/many.d"
write_config_head "$work/many.d/syncd.yaml" "$poll"
for i in $(seq "$syncs"); do sync_yaml "sync_$i" "$start" "$length" >> "$work/many.d/syncd.yaml"; done
run_daemon many "$work/many.d/syncd.yaml"
stop_fake
many_calls=$(wc -l < "$work/many.requests")
many_606=$(errors 606 "$work/many.requests") many_615=$(errors 615 "$work/many.requests")
many_rate=$(awk -v n="$many_calls" -v s="$wall" 'BEGIN { printf "%.1f", n / s * 20 }')
many_windows=$((syncs * per_sync))
[ "$staged" = "$many_windows" ] || { echo "backfill: 10 syncs staged $staged of $many_windows" >&2; exit 1; }
echo "10 syncs: ${wall}s, $many_calls calls, 606: $many_606, 615: $many_615, RSS ${rss} MB"

polls_expected=$(awk -v t="$job_s" -v p="${poll%s}" 'BEGIN { n = t / p; printf "%d", (n == int(n) ? n : int(n) + 1) + 1 }')
cat > "$work/section" <<MD
<!-- backfill:begin -->
## 3–4. Slot utilisation, API calls and the backfill's memory

One sync backfilling N = $windows seven-day windows, each job taking T = ${job_s} s on
fake-marketo's clock (\`--process-seconds $job_s --queue-seconds 0\`, status refreshed at once),
polled every $poll. Makespan is \`marketo-syncd run --once\` from start to exit (token, creates,
polls, downloads, staging and the last poll included). The 2-slot optimum is ⌈N/2⌉·T; with F
foreign jobs of T seconds holding slots at the start it is ⌈(N+F)/2⌉·T. "One at a time" is the
same daemon with \`limits: {max_processing: 1, max_queued: 1}\`: the engine budgets Marketo's queue
by \`max_queued\` (\`max_processing\` only tells it when a queued job of ours cannot have started, to skip polls), so with 1 it holds one job
at a time: create, enqueue, poll, download, then the next, as sequential connectors do.
Measured $(date -u +%Y-%m-%d) on $(machine), shared with other jobs (load average at the start).

Command: \`bash bench/backfill.sh\` (env: WINDOWS=$windows JOB_SECONDS=$job_s FOREIGN=$foreign SYNCS=$syncs
SYNC_WINDOW=$sync_window POLL=$poll)

| run | makespan | optimum | vs optimum | daemon CPU | load |
| --- | --- | --- | --- | --- | --- |
| 2 slots (as configured) | ${two_wall} s | ${optimum} s | **$(ratio "$two_wall" "$optimum")x** | ${two_cpu} s | $two_load |
| one at a time | ${one_wall} s | ${optimum} s | $(ratio "$one_wall" "$optimum")x | ${one_cpu} s | $one_load |
| 2 slots, $foreign foreign jobs | ${foreign_wall} s | ${optimum_foreign} s | **$(ratio "$foreign_wall" "$optimum_foreign")x** | | $foreign_load |

2 slots are **$(ratio "$one_wall" "$two_wall")x** faster than one at a time (target ≥ 1.9x; ≤ 1.05x optimum).

API calls per staged window (2-slot run, fake-marketo's \`--request-log\`): **$calls_all** in all —
create $calls_create, enqueue $calls_enqueue, status $calls_status, file $calls_file; plus
$calls_token token and $calls_list job-list calls for the whole run. The issue's budget for T = ${job_s} s
and a $poll poll is create + enqueue + ⌈T/poll⌉ + 1 = $polls_expected polls + file = $((polls_expected + 3)).

$syncs syncs each backfilling a year in $sync_window windows ($many_windows windows; jobs of 0.2 s queued +
0.5 s processing, so the call budget is the bound) against fake-marketo's Marketo limits
(100 calls / 20 s, 10 concurrent): ${wall} s, $many_calls calls ($many_rate per 20 s averaged over the run: the limit, used whole),
**$many_606 answers 606 and $many_615 answers 615**; daemon peak RSS **${rss} MB** (the one-sync run: ${two_rss} MB),
CPU ${cpu} s, load $load.
<!-- backfill:end -->
MD
write_section backfill "$work/section"

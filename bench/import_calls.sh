#!/usr/bin/env bash
# API calls per imported file: program-member files dropped into an inbound directory and imported
# by `marketo-syncd run --once` against fake-marketo, whose imports stay Queued Q s and Importing
# T s, two importing at once. Two scenarios: two small files (no part ever waits behind another),
# and FILES files of which BIG are large enough to be split into parts under 10 MB (parts queue
# behind each other in Marketo's two import slots). Every REJECT_EVERY-th row has a malformed
# email, which Marketo (and fake-marketo, after the seed) reports as a warning row, so every batch
# has a warnings file to fetch. Calls come from fake-marketo's request log, per file and per part,
# beside the budget the issue sets for exports, carried over: upload + ⌈(Q+T)/poll⌉ + 1 polls + 1
# result fetch.
#
#   bash bench/import_calls.sh
#   FILES=10 BIG=2 QUEUE_SECONDS=2 IMPORT_SECONDS=8 POLL=5s bash bench/import_calls.sh
# Writes the "import-calls" section of bench/README.md.
source "$(dirname "$0")/lib.sh"
files=${FILES:-10}
big=${BIG:-2}
big_rows=${BIG_ROWS:-400000}   # ~23 MB: three parts
small_rows=2000
queue_s=${QUEUE_SECONDS:-2}
import_s=${IMPORT_SECONDS:-8}
poll=${POLL:-5s}               # import_poll_interval: Marketo asks for 5-30 s
reject_every=${REJECT_EVERY:-500}

# member_file FILE ROWS TAG: ROWS members; every reject_every-th email is malformed.
member_file() {
  awk -v rows="$2" -v tag="$3" -v every="$reject_every" 'BEGIN {
    print "email,firstName,lastName,company"
    for (i = 1; i <= rows; i++) {
      email = (i % every == 0) ? sprintf("not-an-email-%s-%d", tag, i) : sprintf("m%s-%d@example.com", tag, i)
      printf "%s,Jordan,Lee%d,Globex Corporation\n", email, i % 977
    }
  }' > "$1"
}

# scenario NAME FILES BIG: one --once run; appends a table row to $work/rows.
scenario() {
  local name=$1 count=$2 large=$3
  start_fake "$name" --program '1001:On List,Registered,Attended' \
    --import-queue-seconds "$queue_s" --import-process-seconds "$import_s" \
    --request-log "$work/$name.requests"
  local dir=$work/$name.d inbound=$work/$name.d/inbound/attendees
  mkdir -p "$inbound"
  cat > "$dir/syncd.yaml" <<YAML
marketo:
  base_url: $url
  client_id: demo-client
  client_secret: demo-secret
  import_poll_interval: $poll
state_db: state.db
staging_dir: staging
health:
  listen: 127.0.0.1:0
imports:
  - name: attendees
    program_id: 1001
    program_member_status: Attended
    inbound_dir: inbound/attendees
    format: csv
YAML
  for i in $(seq "$count"); do
    local rows=$small_rows
    [ "$i" -le "$large" ] && rows=$big_rows
    member_file "$dir/f$i.csv.tmp" "$rows" "$i"
    mv "$dir/f$i.csv.tmp" "$inbound/f$i.csv"   # moved in whole, as the watcher expects
  done
  local load began ended
  load=$(load_avg)
  began=$(date +%s.%N)
  ( cd "$dir" && "$syncd" run --config syncd.yaml --once ) 2> "$work/$name.log" ||
    { echo "import_calls: marketo-syncd failed ($name): $(tail -5 "$work/$name.log")" >&2; exit 1; }
  ended=$(date +%s.%N)
  stop_fake
  local log=$work/$name.requests done_files parts
  done_files=$(find "$dir/inbound/attendees.done" -name status.json | wc -l)
  [ "$done_files" = "$count" ] || { echo "import_calls: $name: $done_files of $count files done" >&2; exit 1; }
  parts=$(cat "$dir"/inbound/attendees.done/*/status.json | grep -o '"batchId": *[0-9][0-9]*' | wc -l)
  [ "$parts" -gt 0 ] || { echo "import_calls: $name: no part has a batchId" >&2; exit 1; }
  local uploads polls fetches tokens describes all other
  uploads=$(requests '/members/import.json' "$log")
  polls=$(requests '/status.json' "$log")
  fetches=$(( $(requests '/failures.json' "$log") + $(requests '/warnings.json' "$log") ))
  tokens=$(requests '/identity/oauth/token' "$log")
  describes=$(requests 'describe' "$log")
  all=$(grep -c '"target"' "$log" || true)
  other="$tokens token, $describes describe"
  local unexplained=$((all - uploads - polls - fetches - tokens - describes))
  [ "$unexplained" = 0 ] || other="$other, $unexplained other"
  per() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
  echo "import_calls: $name: $count files, $parts parts, $all calls, polls per part $(per "$polls" "$parts")"
  printf '| %s | %s / %s | %s | %s | %s | %s | %s | **%s** | **%s** | %.1f s | %s |\n' \
    "$name" "$count" "$parts" "$(per "$uploads" "$parts")" "$(per "$polls" "$parts")" \
    "$(per "$fetches" "$parts")" "$(errors 606 "$log")" "$other" \
    "$(per "$all" "$parts")" "$(per "$all" "$count")" \
    "$(awk -v a="$began" -v b="$ended" 'BEGIN { print b - a }')" "$load" >> "$work/rows"
}

: > "$work/rows"
scenario alone 2 0
scenario queued "$files" "$big"

poll_s=${poll%s}
budget_polls=$(awk -v t="$((queue_s + import_s))" -v p="$poll_s" 'BEGIN { n = t / p; if (n > int(n)) n = int(n) + 1; print n + 1 }')
cat > "$work/section" <<MD
<!-- import-calls:begin -->
## 4b. API calls per imported file

Program-member files dropped into one inbound directory and imported by \`marketo-syncd run --once\`;
fake-marketo keeps each import Queued ${queue_s} s and Importing ${import_s} s, two importing at once,
and \`import_poll_interval: $poll\`. *alone*: 2 files of $small_rows rows (no part waits behind
another); *queued*: $files files, $big of them of $big_rows rows (~23 MB, split into parts under
10 MB), the rest of $small_rows rows. Every ${reject_every}th row has a malformed email, which Marketo reports
as a warning row, so every batch has a warnings file to fetch. Calls from fake-marketo's
\`--request-log\`. Measured $(date -u +%F) on $(machine) (load average at each start).

Command: \`bash bench/import_calls.sh\` (env: FILES BIG BIG_ROWS QUEUE_SECONDS IMPORT_SECONDS POLL REJECT_EVERY)

| run | files / parts | uploads per part | polls per part | result fetches per part | 606 | other calls | all per part | all per file | wall | load |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
$(cat "$work/rows")

Budget per part, the export target carried over: 1 upload + ⌈(${queue_s} + ${import_s}) s / ${poll_s} s⌉ + 1 =
$budget_polls polls + 1 result fetch = **$((budget_polls + 2))**, for a part that never waits behind another.
<!-- import-calls:end -->
MD
write_section import-calls "$work/section"

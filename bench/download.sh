#!/usr/bin/env bash
# Download throughput and memory: marketo-syncd staging one completed export (hashing, record
# counting, fsync, rename, manifest all on) versus `curl -o` of the same file.json to the same disk,
# over plain HTTP and HTTPS (test CA). Peak RSS of the daemon for each file size.
#
#   bash bench/download.sh
#   DOWNLOAD_LEADS="7500000" SCHEMES=http RUNS=1 bash bench/download.sh   # one size (~1.1 GB), one scheme, once
# Writes the "download" section of bench/README.md.
source "$(dirname "$0")/lib.sh"
leads_list=${DOWNLOAD_LEADS:-"750000 7500000 30000000"}   # ~0.1, 1.1, 4.7 GB
schemes=${SCHEMES:-"http https"}
runs=${RUNS:-3}
lag_s=900

fields='[id, email, firstName, lastName, company, title, leadScore, phone, city, country, createdAt, updatedAt]'

# stage_once SCHEME LEADS: a fresh fake-marketo whose leads all fall in one 31-day window that ended
# just over `lag` ago, and a daemon that stages exactly that window. Prints one table row.
stage_once() {
  local scheme=$1 leads=$2 tls=() curl_tls=()
  if [ "$scheme" = https ]; then
    tls=(--tls-cert "$certs/server.pem" --tls-key "$certs/server.key")
    curl_tls=(--cacert "$certs/ca.pem")
  fi
  # One window only: the tail after it (start + 31d .. now - lag) is shorter than the planner's
  # 60 s minimum, so it waits for the next plan.
  local epoch
  epoch=$(date -u -d "@$(( $(date +%s) - 31 * 86400 - lag_s - 20 ))" +%FT%TZ)
  rm -rf "$work/d" && mkdir -p "$work/d"
  start_fake "fake-$scheme-$leads" --leads "$leads" --epoch "$epoch" --span-days 31 \
    --queue-seconds 0 --process-seconds 0 --status-refresh 0 --daily-quota 100GB "${tls[@]}"
  write_config_head "$work/d/syncd.yaml" 1s "limits:" "  daily_export_bytes: 100GB"
  cat >> "$work/d/syncd.yaml" <<YAML
  - name: big
    entity: leads
    fields: $fields
    filter: createdAt
    start: $epoch
    window: 31d
    lag: ${lag_s}s
    every: 24h
YAML
  local load_before
  load_before=$(load_avg)
  /usr/bin/time -f '%e %U %S %M' -o "$work/d/time" \
    "$syncd" run --config "$work/d/syncd.yaml" --once 2> "$work/d/log" ||
    { echo "download: marketo-syncd failed: $(tail -5 "$work/d/log")" >&2; exit 1; }
  local staged bytes export_id began ended daemon_s
  staged=$(ls "$work"/d/staging/big/*.csv)
  bytes=$(stat -c %s "$staged")
  export_id=$(basename "$staged" .csv | sed 's/.*_//')
  # The download's wall time: from the "downloading" line to the "staged" line (after fsync,
  # verify, rename, directory fsync, manifest and the state transaction).
  began=$(grep -m1 ': downloading' "$work/d/log" | cut -d' ' -f1)
  ended=$(grep -m1 ': staged' "$work/d/log" | cut -d' ' -f1)
  daemon_s=$(awk -v a="$(date -d "$began" +%s.%N)" -v b="$(date -d "$ended" +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
  read -r _ d_user d_sys d_rss < "$work/d/time"

  # curl: the same URL, to a file on the same disk, then fsync'd like the daemon's file is.
  local token curl_out curl_s curl_cpu
  token=$(curl -sf "${curl_tls[@]}" "$url/identity/oauth/token?grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret" | json_get access_token)
  # The staged file stays until curl is done: freshly freed page-cache pages are cheaper to fill on
  # this VM than pages the host has reclaimed, and curl must not get the daemon's warm ones.
  curl_out=$( { /usr/bin/time -f '%U %S' curl -sf "${curl_tls[@]}" -H "Authorization: Bearer $token" \
      -o "$work/d/curl.csv" -w '%{size_download} %{time_total}\n' \
      "$url/bulk/v1/leads/export/$export_id/file.json" && sync "$work/d/curl.csv"; } 2>&1 )
  [ "$(echo "$curl_out" | head -1 | cut -d' ' -f1)" = "$bytes" ] || { echo "download: curl got $curl_out" >&2; exit 1; }
  curl_s=$(echo "$curl_out" | head -1 | cut -d' ' -f2)
  curl_cpu=$(echo "$curl_out" | tail -1 | awk '{ print $1 + $2 }')
  rm -f "$work/d/curl.csv" "$staged"
  stop_fake
  local mb daemon_rate curl_rate
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }')
  daemon_rate=$(awk -v b="$bytes" -v s="$daemon_s" 'BEGIN { printf "%.0f", b / 1e6 / s }')
  curl_rate=$(awk -v b="$bytes" -v s="$curl_s" 'BEGIN { printf "%.0f", b / 1e6 / s }')
  # One line per run: MB daemon curl sha256 daemon-CPU curl-CPU RSS-MB load
  echo "$mb $daemon_rate $curl_rate $(sha256_rate) $(awk -v u="$d_user" -v s="$d_sys" 'BEGIN { printf "%.2f", u + s }') $curl_cpu $(awk -v k="$d_rss" 'BEGIN { printf "%.1f", k / 1024 }') $load_before"
}

# One table row from the runs of one scheme and size (the lines stage_once printed): medians, the
# ratio as the median of each run's own ratio (daemon and curl ran side by side), the runs listed.
table_row() {
  local scheme=$1 runs_file=$2
  awk -v scheme="${scheme^^}" '
    function median(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { n++; mb = $1; d[n] = $2; c[n] = $3; s[n] = $4; dc[n] = $5; cc[n] = $6; if ($7 > rss) rss = $7
      r[n] = $2 / $3; l[n] = $2 / ($3 < $4 ? $3 : $4); if (n == 1) load = $8
      dl = dl (n > 1 ? " " : "") $2; cl = cl (n > 1 ? " " : "") $3 }
    END {
      printf "| %s | %s MB | %.0f MB/s (%s) | %.0f MB/s (%s) | **%.2fx** | %.0f MB/s | %.2fx | %.2f s | %.2f s | %.1f MB | %s |\n",
        scheme, mb, median(d, n), dl, median(c, n), cl, median(r, n), median(s, n), median(l, n),
        median(dc, n), median(cc, n), rss, load
    }' "$runs_file"
}

# Not in a $(…) subshell: a failure must reach this shell's trap, which stops the servers.
for leads in $leads_list; do
  for scheme in $schemes; do
    : > "$work/runs"
    for _ in $(seq "$runs"); do stage_once "$scheme" "$leads" >> "$work/runs"; done
    table_row "$scheme" "$work/runs" >> "$work/rows"
    tail -1 "$work/rows"
  done
done

cat > "$work/section" <<MD
<!-- download:begin -->
## 1–2. Download throughput and peak RSS: marketo-syncd vs \`curl -o\`

One completed export (every lead field in one 31-day \`createdAt\` window) staged by
\`marketo-syncd run --once\`: streamed into \`.tmp/*.part\` with a running record count and a SHA-256
computed on a thread of its own beside the socket reads (lib/staging/background_sha256), fsynced,
verified against Marketo's \`fileSize\`/\`fileChecksum\`/\`numberOfRecords\`, renamed, the
directory fsynced, the manifest written the same way and the state transaction committed. Its
time is from the log's \`downloading\` line to its \`staged\` line. curl then fetches the same
\`file.json\` URL with \`-o\` into the same directory, followed by \`sync FILE\` (curl alone does not
fsync); its time is curl's \`time_total\` (the \`sync\` is not counted, which favours curl). The
staged file is deleted only after curl's run, so that curl never refills the daemon's page-cache pages.
Peak RSS is the daemon's whole run (\`/usr/bin/time %M\`: start-up, SQLite, create/poll, download).
CPU is user + system seconds of the whole process (both threads). SHA-256 cannot be split across
cores, so one core's SHA-256 rate (\`openssl speed -evp sha256\`, 1 MiB blocks, taken after
each run) is the ceiling of any downloader that checks Marketo's checksum; the "vs" column compares
the daemon with the lower of that and curl. Measured $(date -u +%Y-%m-%d) on $(machine),
shared with other jobs: load average (1 min) at the start of each row.

Command: \`bash bench/download.sh\` (env: DOWNLOAD_LEADS="750000 7500000 30000000" for ~0.1, ~1.1 and ~4.7 GB,
SCHEMES, RUNS (3), BENCH_TMP, BUILD). Each row is the median of RUNS runs, each run a fresh server,
daemon and curl; the ratio is the median of the runs' own ratios; the runs' rates are in brackets.

| scheme | file | marketo-syncd | curl -o | ratio | SHA-256, one core | vs min(curl, SHA-256) | daemon CPU | curl CPU | daemon peak RSS | load |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
$(cat "$work/rows")
<!-- download:end -->
MD
write_section download "$work/section"

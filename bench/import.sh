#!/usr/bin/env bash
# Import path: validating and splitting a ~100 MB program-member file into parts under 10 MB
# (lib/imports, through bench/import_split's driver) versus `split -C 9M` + `wc -l` on the same
# file, both with the file in the page cache and output to the same disk.
#
#   bash bench/import.sh
#   IMPORT_MB=100 RUNS=3 bash bench/import.sh
# Writes the "import" section of bench/README.md.
source "$(dirname "$0")/lib.sh"
mb=${IMPORT_MB:-100}
runs=${RUNS:-3}

driver=$root/$build/bench/import_split/import-split-bench
[ -x "$driver" ] || build_targets import-split-bench

# A program-member file as a marketer exports it: the seed's columns, one in eight rows with a
# quoted company holding a comma, non-ASCII names now and then, CRLF line ends.
file=$work/members.csv
awk -v bytes=$((mb * 1000000)) 'BEGIN {
  printf "email,firstName,lastName,company,title,leadScore,city,country\r\n"
  n = 0; size = 0
  while (size < bytes) {
    company = (n % 8 == 0) ? "\"Acme, Inc.\"" : "Globex Corporation"
    first = (n % 16 == 5) ? "Zo\303\253" : "Jordan"
    line = sprintf("member%d@example.com,%s,Lee%d,%s,Marketing Manager,%d,Springfield,United States\r\n", n, first, n % 977, company, n % 100)
    printf "%s", line
    size += length(line); n++
  }
}' > "$file"
bytes=$(stat -c %s "$file")
cat "$file" > /dev/null   # into the page cache for both

daemon_rates=() daemon_cpu_rates=() peer_rates=() peer_cpu_rates=()
for _ in $(seq "$runs"); do
  rm -rf "$work/parts" && mkdir -p "$work/parts"
  read -r validate_s split_s cpu_s parts records _ < <("$driver" "$file" "$work/parts")
  daemon_rates+=("$(awk -v b="$bytes" -v a="$validate_s" -v c="$split_s" 'BEGIN { printf "%.0f", b / 1e6 / (a + c) }')")
  daemon_cpu_rates+=("$(awk -v b="$bytes" -v c="$cpu_s" 'BEGIN { printf "%.0f", b / 1e6 / c }')")

  rm -rf "$work/split" && mkdir -p "$work/split"
  began=$(date +%s.%N)
  peer_cpu=$( { /usr/bin/time -f '%U %S' split -C 9M "$file" "$work/split/x" &&
                /usr/bin/time -f '%U %S' wc -l "$file" > /dev/null; } 2>&1 | awk '{ c += $1 + $2 } END { print c }')
  ended=$(date +%s.%N)
  peer_rates+=("$(awk -v b="$bytes" -v a="$began" -v e="$ended" 'BEGIN { printf "%.0f", b / 1e6 / (e - a) }')")
  peer_cpu_rates+=("$(awk -v b="$bytes" -v c="$peer_cpu" 'BEGIN { if (c < 0.01) c = 0.01; printf "%.0f", b / 1e6 / c }')")
done
peer_parts=$(ls "$work/split" | wc -l)
load=$(load_avg)
sha_rate=$(sha256_rate)
daemon_wall=$(printf '%s\n' "${daemon_rates[@]}" | median)
daemon_cpu=$(printf '%s\n' "${daemon_cpu_rates[@]}" | median)
peer_wall=$(printf '%s\n' "${peer_rates[@]}" | median)
peer_cpu=$(printf '%s\n' "${peer_cpu_rates[@]}" | median)
echo "import: lib/imports $daemon_wall MB/s (CPU $daemon_cpu), split+wc $peer_wall MB/s (CPU $peer_cpu)"

cat > "$work/section" <<MD
<!-- import:begin -->
## 6. Import path: validate and split

A $(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB program-member CSV ($records records, CRLF, quoted commas, some UTF-8) in the
page cache. lib/imports validates it (UTF-8, header against the field catalog, every record's
column count, quoting, SHA-256 on a thread of its own: one pass, through csv::ShapeCheck for a
valid file, which also plans where the parts are cut) and splits it at record boundaries into
$parts parts under 10 MB, each the header then one range of the file copied in the kernel
(\`copy_file_range\`, change 14), renamed into place whole (not fsynced: see change 12) —
\`build/…/import-split-bench\`.
The peer is \`split -C 9M\` ($peer_parts pieces) then \`wc -l\`: no validation, no header in each
piece, and it would cut a quoted multi-line record in two. MB/s = file bytes / time;
"CPU" divides by user + system seconds instead (the machine is shared). Median of $runs runs,
measured $(date -u +%Y-%m-%d) on $(machine), load average $load.

Command: \`bash bench/import.sh\` (env: IMPORT_MB, RUNS)

| | wall MB/s (runs) | CPU MB/s (runs) |
| --- | --- | --- |
| lib/imports validate + split | $daemon_wall (${daemon_rates[*]}) | $daemon_cpu (${daemon_cpu_rates[*]}) |
| \`split -C 9M\` + \`wc -l\` | $peer_wall (${peer_rates[*]}) | $peer_cpu (${peer_cpu_rates[*]}) |
| **ratio** (target ≥ 0.5x) | **$(ratio "$daemon_wall" "$peer_wall")x** | **$(ratio "$daemon_cpu" "$peer_cpu")x** |

One core's SHA-256 rate right after the runs (\`openssl speed -evp sha256\`, 1 MiB blocks): $sha_rate MB/s.
The validation pass cannot end before the file is hashed, and the peer hashes nothing.
<!-- import:end -->
MD
write_section import "$work/section"

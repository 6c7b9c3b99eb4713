#!/usr/bin/env bash
# The README's first command. On a fresh Debian 12 machine, as root: installs the packages, builds
# marketo-syncd and fake-marketo (Release, build/release), starts fake-marketo on a free loopback
# port with a year of synthetic leads and a fast job clock, and runs the daemon once with
# config/demo.yaml: two syncs (createdAt, updatedAt) each export that year in 7-day windows into
# demo/staging, within Marketo's limits. Then it shows what was staged.
set -euo pipefail
trap 'echo "demo: failed at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

build=build/release
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMSYNC_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target fake-marketo marketo-syncd
fake=$build/tests/fake_marketo/fake-marketo
syncd=$build/daemon/marketo-syncd

# A fresh demo each time: the state and staging of a previous run are removed.
rm -rf demo && mkdir -p demo
run=$(mktemp -d)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$run"
}
trap stop_server EXIT

start=$(date -u -d "$(date -u +%F) - 365 days" +%FT%TZ)
"$fake" --leads 20000 --seed 42 --epoch "$start" --span-days 365 \
  --queue-seconds 0.2 --process-seconds 1.5 --status-refresh 0.2 \
  --request-log demo/fake-marketo-requests.jsonl > "$run/out" 2> "$run/err" &
server_pid=$!
for _ in $(seq 100); do [ -s "$run/out" ] && break; sleep 0.1; done
url=$(head -1 "$run/out" | sed -n 's/^listening on //p')
[ -n "$url" ] || { echo "demo: fake-marketo did not start: $(cat "$run/err")" >&2; exit 1; }
echo "demo: fake-marketo on $url: 20000 leads created and updated since $start"

export MARKETO_BASE_URL=$url MARKETO_CLIENT_SECRET=demo-secret DEMO_START=$start

# Two files for the program member import, from the import seed: the Lannister file (8 members)
# and one with a bad lead score and a bad email (a failed row and a warned row). Each is written
# under a dotfile name and renamed in, as a producer should.
inbound=demo/inbound/webinar_attendees
mkdir -p "$inbound"
{
  echo "firstName,lastName,email,title,company,leadScore"
  for name in Joanna Tywin Cersei Jamie Tyrion Kevan Dorna Lancel; do
    echo "$name,Lannister,$name@Lannister.com,Lannister,House Lannister,0"
  done
} > "$inbound/.lannister.tmp" && mv "$inbound/.lannister.tmp" "$inbound/Lead-House-Lannister.csv"
printf '%s\n' "firstName,lastName,email,title,company,leadScore" \
  "Aerys,Targaryen,Aerys@Targaryen.com,Targaryen,House Targaryen,TEXT_VALUE_IN_INTEGER_FIELD" \
  "Rhaegar,Targaryen,INVALID_EMAIL,Targaryen,House Targaryen,0" > "$inbound/.targaryen.tmp"
mv "$inbound/.targaryen.tmp" "$inbound/Lead-House-Targaryen.csv"
"$syncd" check-config --config config/demo.yaml
echo
echo "demo: marketo-syncd run --once (a year of 7-day windows for two syncs; Marketo's 100 calls"
echo "      per 20 s make this take a minute or two). Every job state change is in demo/marketo-syncd.log;"
echo "      here, each window as it is staged:"
"$syncd" run --config config/demo.yaml --once 2> >(tee demo/marketo-syncd.log |
  grep --line-buffered -E 'starting|planned|: staged:|import|warn|error|critical|stopped' |
  sed -E 's/ exportId [0-9a-f-]+: staged: / staged /; s/^[0-9T:.-]+Z //' >&2)
echo
"$syncd" status --config config/demo.yaml
echo
for sync in leads_created leads_updated; do
  files=$(ls demo/staging/$sync/*.csv | wc -l)
  rows=$(cat demo/staging/$sync/*.csv.manifest.json | grep -oh '"records": *[0-9]*' | awk -F': *' '{n += $2} END {print n}')
  echo "demo: demo/staging/$sync: $files files, $rows records, each with its manifest"
done
echo
echo "demo: the program member imports (demo/inbound/webinar_attendees.done/)"
for done in demo/inbound/webinar_attendees.done/*/; do
  echo "-- $done"
  ls "$done"
  for results in failures.csv warnings.csv; do
    [ -f "$done$results" ] && { echo "   $results:"; sed 's/^/     /' "$done$results"; }
  done
done
echo "demo: fake-marketo's program 1001 now holds:"
curl -s "$url/admin/program-members?programId=1001" | head -c 600; echo
first=$(ls demo/staging/leads_created/*.csv | head -1)
export_id=$(basename "$first" .csv | sed 's/.*_//')
echo
echo "demo: the whole life of one export job, $export_id (from demo/marketo-syncd.log)"
grep "exportId $export_id" demo/marketo-syncd.log | sed -E 's/ \[exports\] sync [a-z_]+ window [^ ]+ exportId [0-9a-f-]+:/ /' | cut -c1-160
echo
echo "demo: $first"
head -n 4 "$first"
echo
echo "demo: its manifest"
cat "$first.manifest.json"
echo
echo
echo "demo: what fake-marketo was asked (from its request log)"
sed -E 's/.*"method":"([A-Z]+)","target":"([^"?]*)[^"]*".*/\1 \2/; s#/[0-9a-f-]{36}/#/{exportId}/#' \
  demo/fake-marketo-requests.jsonl | sort | uniq -c | sort -rn

#!/usr/bin/env bash
# Checks the unit files: `systemd-analyze verify` must be silent, and the offline security review
# must rate each unit "OK" or better; the sysusers/tmpfiles snippets must apply. systemd rates the
# overall exposure (0.0-10.0) as PERFECT 0.0, SAFE 0.1-0.9, OK 1.0-4.9, MEDIUM 5.0-7.4, EXPOSED
# 7.5-8.9, UNSAFE 9.0-9.9, DANGEROUS 10.0; --threshold counts tenths, so 49 fails MEDIUM or worse.
# Usage: systemd/verify.sh              the repository's files (needs systemd-analyze >= 252; no
#                                       running systemd needed)
#        systemd/verify.sh --installed  the same checks on what the package installed
#                                       (scripts/test-package.sh), with the real /usr/bin/marketo-syncd
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
threshold=49
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/units"

if [[ "${1:-}" == --installed ]]; then
  units=/lib/systemd/system
  sysusers=/usr/lib/sysusers.d/marketo-sync.conf
  tmpfiles=/usr/lib/tmpfiles.d/marketo-sync.conf
  install_copy() { cp "$units/$1" "$work/units/$2"; }  # <unit file> <name of the copy>
else
  units=$here
  sysusers=$here/marketo-sync.sysusers.conf
  tmpfiles=$here/marketo-sync.tmpfiles.conf
  # verify insists that ExecStart= binaries exist: point copies of the units at a stand-in.
  printf '#!/bin/sh\nexit 0\n' >"$work/bin/marketo-syncd"
  chmod +x "$work/bin/marketo-syncd"
  install_copy() {  # <unit file> <name of the copy>
    sed "s|/usr/bin/marketo-syncd|$work/bin/marketo-syncd|g" "$units/$1" >"$work/units/$2"
  }
fi
install_copy marketo-syncd.service marketo-syncd.service
install_copy marketo-syncd@.service marketo-syncd@demo.service  # a template verifies as an instance

# The two units must not drift apart: their [Service] sections differ only in the instance paths.
sandbox() { sed -n '/^\[Service\]/,/^\[Install\]/p' "$units/$1" | grep -v '^#'; }
if ! diff <(sandbox marketo-syncd.service | sed 's|marketo-syncd\.yaml|%i.yaml|; s|^StateDirectory=marketo-sync$|StateDirectory=marketo-sync/%i|; s|credentials/client_secret|credentials/%i.client_secret|') \
          <(sandbox marketo-syncd@.service); then
  echo "verify.sh: marketo-syncd.service and marketo-syncd@.service [Service] sections differ" >&2
  exit 1
fi

# The sysusers and tmpfiles snippets must apply cleanly to an empty root.
mkdir -p "$work/sysroot/etc"
if ! out=$(systemd-sysusers --root="$work/sysroot" "$sysusers" 2>&1); then
  echo "$out" >&2
  exit 1
fi
systemd-tmpfiles --root="$work/sysroot" --create "$tmpfiles"
test -d "$work/sysroot/etc/marketo-sync/credentials"

failed=0
cd "$work/units"
for unit in marketo-syncd.service marketo-syncd@demo.service; do
  if ! out=$(systemd-analyze verify "./$unit" 2>&1) || [[ -n "$out" ]]; then
    echo "verify.sh: systemd-analyze verify $unit:" >&2
    echo "$out" >&2
    failed=1
  fi
  report=$(systemd-analyze security --offline=yes --threshold="$threshold" "./$unit" 2>&1) || failed=1
  summary=$(grep 'Overall exposure level' <<<"$report" || true)
  echo "${summary#→ }"
  if ! grep -Eq ': [0-9]+\.[0-9] (OK|SAFE|PERFECT)' <<<"$summary"; then
    echo "verify.sh: $unit is rated worse than OK (threshold $threshold tenths):" >&2
    grep '✗' <<<"$report" >&2 || true
    failed=1
  fi
done
exit "$failed"

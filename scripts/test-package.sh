#!/usr/bin/env bash
# Builds the Debian package (Release, build/package) and checks it: the `cmake --install` layout in a
# DESTDIR, the .deb's control data and contents, then, as root, installs it with apt, runs the
# installed daemon and checks the installed units (systemd/verify.sh --installed), removes it (the
# conffile stays) and purges it (none of its files stay). Not root: the install steps are skipped.
# An already installed marketo-sync is replaced, then purged. Run after scripts/install-deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/package
work=$(mktemp -d)
installed=""
cleanup() {
  if [ -n "$installed" ]; then dpkg --purge marketo-sync >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
check() {  # <what> <command...>: one check, counted; the command's output is shown when it fails
  local what=$1 out
  shift
  if out=$("$@" 2>&1); then
    passed=$((passed + 1))
    echo "  ok    $what"
  else
    failed=$((failed + 1))
    echo "  FAIL  $what"
    [ -z "$out" ] || sed 's/^/        /' <<<"$out"
  fi
}
phase() { echo "test-package: $* (at ${SECONDS}s)"; }
same() { [ "$1" = "$2" ] || { echo "expected: $2"; echo "got:      $1"; return 1; }; }

# What both `cmake --install` and the .deb must hold, and nothing else (no fake-marketo).
expected_files="etc/marketo-sync/example.yaml
lib/systemd/system/marketo-syncd.service
lib/systemd/system/marketo-syncd@.service
usr/bin/marketo-syncd
usr/lib/sysusers.d/marketo-sync.conf
usr/lib/tmpfiles.d/marketo-sync.conf
usr/share/doc/marketo-sync/README.md
usr/share/doc/marketo-sync/README.systemd.md"
# Installed files that are copies of the repository's.
declare -A sources=(
  [etc/marketo-sync/example.yaml]=config/example.yaml
  [lib/systemd/system/marketo-syncd.service]=systemd/marketo-syncd.service
  [lib/systemd/system/marketo-syncd@.service]=systemd/marketo-syncd@.service
  [usr/lib/sysusers.d/marketo-sync.conf]=systemd/marketo-sync.sysusers.conf
  [usr/lib/tmpfiles.d/marketo-sync.conf]=systemd/marketo-sync.tmpfiles.conf
)
copies_match() {  # <root>: the installed copies equal their sources
  local file
  for file in "${!sources[@]}"; do cmp "$1/$file" "${sources[$file]}" || return 1; done
}

phase "building marketo-syncd (Release, $build)"
# Without the dependency of install on `all`, cpack does not build fake-marketo.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMSYNC_TESTS=OFF \
  -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >/dev/null
cmake --build "$build" -j2 --target marketo-syncd
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")

phase "cmake --install into a DESTDIR"
destdir=$work/destdir
DESTDIR=$destdir cmake --install "$build" >"$work/install.log"
check "the install tree holds exactly the expected files" \
  same "$(cd "$destdir" && find . -type f -printf '%P\n' | sort)" "$expected_files"
check "installed units, snippets and example equal the repository's" copies_match "$destdir"
check "marketo-syncd is executable" test -x "$destdir/usr/bin/marketo-syncd"

phase "cpack -G DEB"
rm -f "$build"/marketo-sync_*.deb
(cd "$build" && cpack -G DEB) >"$work/cpack.log" || { cat "$work/cpack.log"; exit 1; }
deb=$build/marketo-sync_${version}-1_$(dpkg --print-architecture).deb
check "$deb built" test -f "$deb"
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: marketo-sync, Version: ${version}-1" \
  same "$(field Package) $(field Version)" "marketo-sync ${version}-1"
depends_complete() {  # dpkg-shlibdeps ran, and the sysusers provider is there
  local depends
  depends=$(field Depends)
  echo "Depends: $depends"
  grep -q 'libc6' <<<"$depends" && grep -q 'libssl3' <<<"$depends" &&
    grep -q 'systemd | systemd-standalone-sysusers' <<<"$depends"
}
check "Depends lists the shared libraries and systemd" depends_complete
echo "        Depends: $(field Depends)"
check "the .deb holds exactly the expected files" \
  same "$(dpkg-deb --fsys-tarfile "$deb" | tar -tf - | grep -v '/$' | sed 's|^\./||' | sort)" "$expected_files"
check "conffiles: the example configuration" \
  same "$(dpkg-deb -I "$deb" conffiles)" "/etc/marketo-sync/example.yaml"
check "maintainer scripts: postinst, prerm, postrm" \
  sh -c "dpkg-deb -I '$deb' postinst >/dev/null && dpkg-deb -I '$deb' prerm >/dev/null && dpkg-deb -I '$deb' postrm >/dev/null"
check "the packaged binary is stripped" \
  sh -c "dpkg-deb --fsys-tarfile '$deb' | tar -xOf - ./usr/bin/marketo-syncd >'$work/bin' && file '$work/bin' | grep -q ', stripped'"

if [ "$(id -u)" -ne 0 ]; then
  phase "not root: apt install, dpkg -r and dpkg -P of the package SKIPPED"
else
  phase "apt-get install $deb"
  installed=yes
  check "apt-get install ./$(basename "$deb") (maintainer scripts without systemd as PID 1)" \
    env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$PWD/$deb"
  for file in $expected_files; do check "/$file installed" test -f "/$file"; done
  check "installed units, snippets and example equal the repository's" copies_match ""
  check "postinst made the system user marketo-sync" \
    same "$(getent passwd marketo-sync | cut -d: -f6,7)" "/var/lib/marketo-sync:/usr/sbin/nologin"
  mode() { stat -c '%a %U:%G' "$1"; }
  check "postinst made /etc/marketo-sync 750 root:marketo-sync" \
    same "$(mode /etc/marketo-sync)" "750 root:marketo-sync"
  check "postinst made /etc/marketo-sync/credentials 700 root:root" \
    same "$(mode /etc/marketo-sync/credentials)" "700 root:root"
  check "postinst made /var/lib/marketo-sync 750 marketo-sync:marketo-sync" \
    same "$(mode /var/lib/marketo-sync)" "750 marketo-sync:marketo-sync"
  check "marketo-syncd --version prints $version" \
    same "$(/usr/bin/marketo-syncd --version)" "marketo-syncd $version"

  example=/etc/marketo-sync/example.yaml
  check_config_unset() {  # the example names environment variables: without them, exit 78 at their place
    local rc=0
    env -u MARKETO_CLIENT_ID -u CREDENTIALS_DIRECTORY /usr/bin/marketo-syncd check-config --config "$example" \
      >/dev/null 2>"$work/stderr" || rc=$?
    cat "$work/stderr"
    [ "$rc" -eq 78 ] && grep -Eq "^$example:[0-9]+:[0-9]+: .*MARKETO_CLIENT_ID" "$work/stderr"
  }
  check_config_set() {  # with them (and a credential as systemd would hand it over): valid
    mkdir -p "$work/credentials"
    echo example-secret >"$work/credentials/client_secret"
    MARKETO_CLIENT_ID=example CREDENTIALS_DIRECTORY=$work/credentials \
      /usr/bin/marketo-syncd check-config --config "$example"
  }
  check "check-config $example without its variables: exit 78, FILE:LINE:COL" check_config_unset
  check "check-config $example with its variables: exit 0" check_config_set
  verify_installed() { bash systemd/verify.sh --installed >"$work/verify.out" 2>&1 || { cat "$work/verify.out"; return 1; }; }
  check "systemd/verify.sh --installed: verify silent, security OK or better" verify_installed
  sed 's/^/        /' "$work/verify.out"

  phase "dpkg -r marketo-sync"
  check "dpkg -r marketo-sync" dpkg -r marketo-sync
  check "removed: binary, units, snippets" sh -c '! ls /usr/bin/marketo-syncd /lib/systemd/system/marketo-syncd*.service \
    /usr/lib/sysusers.d/marketo-sync.conf /usr/lib/tmpfiles.d/marketo-sync.conf 2>/dev/null'
  check "the conffile $example stays after dpkg -r" test -f "$example"
  check "status: deinstall ok config-files" \
    same "$(dpkg-query -W -f='${Status}' marketo-sync)" "deinstall ok config-files"

  phase "dpkg -P marketo-sync"
  check "dpkg -P marketo-sync" dpkg -P marketo-sync
  installed=""
  check "purged: the conffile and the empty directories are gone" \
    sh -c "! ls -d '$example' /etc/marketo-sync /var/lib/marketo-sync 2>/dev/null"
  purged() {  # dpkg forgets the package, or keeps it as not-installed
    local status
    status=$(dpkg-query -W -f='${Status}' marketo-sync 2>/dev/null || true)
    echo "status: $status"
    [[ -z "$status" || "$status" == *not-installed ]]
  }
  check "status: not installed" purged
fi

phase "done"
echo "test-package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

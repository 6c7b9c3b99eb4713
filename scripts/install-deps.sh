#!/usr/bin/env bash
# Installs everything marketo-sync needs to build, test, package and run its demo, from Debian 12
# packages (systemd for systemd-analyze/sysusers/tmpfiles; dpkg-dev and file for cpack's DEB; clang
# and its runtime for the libFuzzer targets; zlib / libzstd for compressed staging, and the gzip /
# zstd tools and PostgreSQL for the tests that load staged files).
# Idempotent: packages already present are left alone, so a second run costs one dpkg query.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost1.81-dev libboost-url1.81-dev
  libssl-dev openssl ca-certificates
  rapidjson-dev libyaml-cpp-dev libsqlite3-dev sqlite3
  libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev
  libsystemd-dev libcli11-dev
  curl
  zlib1g-dev libzstd-dev zstd gzip
  postgresql
  systemd dpkg-dev file
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages (${missing[*]}); run as root or install them first" >&2
  exit 69
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Regenerates the test PKI in this folder (run once; the outputs are checked in). 20-year validity.
# ca.pem: the test CA. server.pem/server.key: 127.0.0.1 + localhost. wrong-host.pem/.key: a cert
# from the same CA for a name no test connects to (host-name verification must reject it).
set -euo pipefail
cd "$(dirname "$0")"
days=7305
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/ca.key" \
  -out ca.pem -days "$days" -subj "/CN=marketo-sync test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
issue() {  # name subject-alt-names
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" \
    -out "$tmp/$1.csr" -subj "/CN=fake-marketo $1"
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n' \
    "$2" > "$tmp/$1.ext"
  openssl x509 -req -in "$tmp/$1.csr" -CA ca.pem -CAkey "$tmp/ca.key" -set_serial "0x$(openssl rand -hex 8)" \
    -out "$1.pem" -days "$days" -extfile "$tmp/$1.ext"
}
issue server "IP:127.0.0.1,DNS:localhost"
issue wrong-host "DNS:wrong-host.invalid"
chmod 644 ./*.key

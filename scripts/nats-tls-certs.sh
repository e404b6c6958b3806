#!/usr/bin/env bash
# A private CA and certificates for a qprune NATS deployment (deploy/README.md, "TLS"):
#   scripts/nats-tls-certs.sh DIR [HOST ...]
# writes DIR/ca.pem (give it to every client as QPRUNE_NATS_CA), DIR/server-cert.pem and
# DIR/server-key.pem (the server's, valid for the HOSTs: names or IP addresses; default localhost and
# 127.0.0.1), DIR/client-cert.pem and DIR/client-key.pem (QPRUNE_NATS_CERT / QPRUNE_NATS_KEY: the
# servers' `verify: true` asks every client for one). Keys are mode 0600. Needs openssl.
set -euo pipefail
dir=${1:?usage: scripts/nats-tls-certs.sh DIR [HOST ...]}
shift
hosts=("$@")
[ ${#hosts[@]} -gt 0 ] || hosts=(localhost 127.0.0.1)
san=""
for h in "${hosts[@]}"; do
  if [[ $h =~ ^[0-9.]+$ || $h == *:* ]]; then san+="IP:$h,"; else san+="DNS:$h,"; fi
done
san=${san%,}
mkdir -p "$dir"
cd "$dir"
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 825 -subj "/CN=qprune NATS CA" 2>/dev/null
for who in server client; do
  usage=$([ $who = server ] && echo serverAuth || echo clientAuth)
  openssl req -newkey rsa:2048 -nodes -keyout $who-key.pem -out $who.csr -subj "/CN=qprune-$who" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=%s\n' "$san" "$usage" > $who.ext
  openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out $who-cert.pem -days 825 -extfile $who.ext 2>/dev/null
  rm -f $who.csr $who.ext
done
chmod 644 ca.pem server-cert.pem client-cert.pem
echo "wrote $dir/ca.pem, server-cert.pem, server-key.pem, client-cert.pem, client-key.pem (hosts: ${hosts[*]})"

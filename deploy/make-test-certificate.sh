#!/usr/bin/env bash
# A self-signed certificate for trying nginx's TLS before the real one (certbot) is in place, and
# the one `pnpm bench:scale` makes for each run. Browsers, Zendesk and Pipedrive refuse it: use a
# real certificate in production.
#   deploy/make-test-certificate.sh <folder> [host name, default localhost]
# writes <folder>/cert.pem and <folder>/key.pem (the key readable by its owner only), valid 2 days.
set -euo pipefail
dir="${1:?usage: make-test-certificate.sh <folder> [host name]}"
host="${2:-localhost}"
mkdir -p "$dir"
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj "/CN=$host" -addext "subjectAltName=DNS:$host,IP:127.0.0.1" \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
chmod 644 "$dir/cert.pem"
echo "$dir/cert.pem"

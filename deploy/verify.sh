#!/usr/bin/env bash
# Checks the deployment recipes with the tools this machine has; skips (and says so) what it lacks.
#   bash deploy/verify.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify deploy/kabar.service && echo "kabar.service: systemd-analyze verify passed"
else
  echo "kabar.service: skipped, no systemd-analyze here"
fi

if command -v nginx >/dev/null && command -v openssl >/dev/null; then
  # A throw-away self-signed certificate stands in for the real one; Debian's gzip default is on.
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=berita.contoh.id" \
    -keyout "$scratch/privkey.pem" -out "$scratch/fullchain.pem" 2>/dev/null
  sed "s#/etc/letsencrypt/live/berita.contoh.id#$scratch#" deploy/nginx.conf > "$scratch/kabar.conf"
  printf 'pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp {\n  gzip on;\n  include %s/kabar.conf;\n}\n' \
    "$scratch" "$scratch" "$scratch" > "$scratch/nginx.conf"
  nginx -t -c "$scratch/nginx.conf"
else
  echo "nginx.conf: skipped, nginx or openssl missing (apt-get install -y nginx openssl)"
fi

if command -v hadolint >/dev/null; then
  hadolint Dockerfile && echo "Dockerfile: hadolint passed"
else
  npx --yes dockerfilelint@1.8.0 Dockerfile
fi

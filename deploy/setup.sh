#!/usr/bin/env bash
# Installs everything berth needs on a Debian host with Node >= 20: the nats-server Debian
# package (the event bus of later components) and the npm dependencies, which also builds berth.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "berth needs Node >= 20 (found $(node --version))" >&2
  exit 1
fi

if ! command -v nats-server >/dev/null 2>&1; then
  echo "installing nats-server (Debian package) ..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null
fi

echo "installing npm dependencies and building ..."
npm ci --no-audit --no-fund

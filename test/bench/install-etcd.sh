#!/usr/bin/env bash
# Installs Debian's etcd-server for the Raft benchmark (test/bench/raft-bench.ts) when `etcd` is
# not already on PATH. The benchmark starts its own 3-member etcd cluster on free 127.0.0.1
# ports, so the package's system service must not be left running: we keep the package's
# postinst from starting it (policy-rc.d, Debian's documented switch for this), and if a
# service that was not running before the install is running after it, we stop it. A service
# that was already running before we started is someone else's and is left alone.
set -euo pipefail

if command -v etcd >/dev/null 2>&1; then
  echo "install-etcd: $(etcd --version 2>/dev/null | head -n 1) already on PATH"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-etcd: etcd is not on PATH and installing it needs root (apt-get install etcd-server)" >&2
  exit 1
fi

service_active() {
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    systemctl is-active --quiet etcd.service 2>/dev/null
  elif [ -x /etc/init.d/etcd ] && command -v service >/dev/null 2>&1; then
    service etcd status >/dev/null 2>&1
  else
    return 1
  fi
}

stop_service() {
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    systemctl stop etcd.service || true
    systemctl disable etcd.service >/dev/null 2>&1 || true
  elif [ -x /etc/init.d/etcd ] && command -v service >/dev/null 2>&1; then
    service etcd stop || true
  fi
}

was_active=no
if service_active; then was_active=yes; fi

# policy-rc.d exit code 101 means "action forbidden": invoke-rc.d and deb-systemd-invoke then
# skip starting the service. Only install it if there is none, and remove only our own.
policy=/usr/sbin/policy-rc.d
own_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# Temporary: written by berth test/bench/install-etcd.sh\nexit 101\n' >"$policy"
  chmod 0755 "$policy"
  own_policy=yes
fi
cleanup() { if [ "$own_policy" = yes ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends etcd-server

if [ "$was_active" = no ] && service_active; then
  echo "install-etcd: the package started a system etcd service; stopping it (the benchmark runs its own cluster)"
  stop_service
fi

if ! command -v etcd >/dev/null 2>&1; then
  echo "install-etcd: etcd-server installed but no etcd on PATH" >&2
  exit 1
fi
echo "install-etcd: installed $(etcd --version | head -n 1)"

#!/usr/bin/env bash
# The first command of a new user: install everything, then start a local cluster in the
# foreground (Ctrl-C stops it). Extra arguments go to `berth up` (see `npx berth up --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
exec node client/cli/bin.js up "$@"

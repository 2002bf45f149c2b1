#!/usr/bin/env bash
# The first command of a new user: install everything, start a local cluster (`berth up`), apply
# the sample app (deploy/examples/web.yaml) once the cluster is up, print a short tour, and keep
# the cluster in the foreground until Ctrl-C. Extra arguments go to `berth up` (see
# `npx berth up --help`), e.g. `bash deploy/quickstart.sh --replicas 5 --nats off`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
APP=deploy/examples/web.yaml
# How long to wait for `berth up` to write its client config (it does so once a leader is elected).
READY_TIMEOUT_S=90

bash deploy/setup.sh

# berth up's directory, as its flags say (--data DIR, --data=DIR, or the older --dir).
data=.berth/local
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --data | --dir) data=${args[i + 1]:-$data} ;;
    --data=* | --dir=*) data=${args[i]#*=} ;;
  esac
done
case "$data" in /*) ;; *) data="$ROOT/$data" ;; esac
config="$data/config"

# A config left by an earlier run that was killed must not look like this one being ready.
rm -f "$config"

node client/cli/bin.js up "$@" &
up_pid=$!
# Ctrl-C and SIGTERM go to berth up by its PID; it stops its replicas and NATS and exits.
trap 'kill -INT "$up_pid" 2>/dev/null || true' INT
trap 'kill -TERM "$up_pid" 2>/dev/null || true' TERM

running() { kill -0 "$up_pid" 2>/dev/null; }

waited=0
while running && [ ! -f "$config" ] && [ "$waited" -lt $((READY_TIMEOUT_S * 5)) ]; do
  sleep 0.2
  waited=$((waited + 1))
done

if running && [ -f "$config" ]; then
  # The config file is the one source of the cluster's addresses here: a BERTH_SERVER in the
  # environment would win over it, so it is left out.
  if env -u BERTH_SERVER BERTH_CONFIG="$config" node client/cli/bin.js apply -f "$APP"; then
    applied="applied the sample app ($APP)"
  else
    applied="could not apply the sample app ($APP); the cluster runs anyway"
  fi
  cat <<EOF

berth quickstart: $applied. In another terminal:
  cd $ROOT
  export BERTH_CONFIG=$config
  npx berth get nodes -o wide                         # the agents' nodes: status, capacity, runtime
  npx berth apply -f deploy/examples/hello-pod.yaml   # a pod on node-1 (a Node HTTP server)
  npx berth get pods -o wide                          # Running, Ready, its IP and node
  npx berth logs hello                                # what it printed
  npx berth exec hello -- sh -c 'echo \$PORT'          # a command in its environment
  npx berth top pods                                  # cpu and memory from the agents' heartbeats
  npx berth get all -n demo                           # the Deployment, its pods and the Service
  npx berth get pods -n demo -o wide                  # 3 replicas over node-1 and node-2
  npx berth scale deploy/web --replicas 5 -n demo     # more replicas, placed by the scheduler
  npx berth rollout restart deploy/web -n demo        # a rolling update: new pods, a few at a time
  npx berth rollout status deploy/web -n demo         # follows it; exits 0 once complete
  npx berth rollout undo deploy/web -n demo           # back to the previous revision
  npx berth describe deploy web -n demo               # replicas, conditions and events
  npx berth get deploy web -n demo -o yaml            # the object as stored, with its status
  npx berth delete namespace demo                     # removes the app with its namespace
  npx berth cluster status                            # the replicas, the leader, the Raft indexes
Ctrl-C here stops the cluster; running this script again brings it back with its data.
EOF
elif running; then
  echo "quickstart: berth up did not report ready within ${READY_TIMEOUT_S} s; see $data/logs" >&2
fi

# Wait for berth up to end. A trapped signal interrupts `wait`, so wait again until it has exited;
# the last `wait` collects its exit status if the interrupted one did not.
status=0
while running; do
  if wait "$up_pid"; then status=0; else status=$?; fi
done
if wait "$up_pid" 2>/dev/null; then status=0; else
  last=$?
  [ "$last" -eq 127 ] || status=$last
fi
exit "$status"

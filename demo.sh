#!/usr/bin/env bash
# Strongroom's demo, on this machine alone: builds what is missing, starts a local Kubernetes
# control plane and three operator replicas (one encrypted Raft store of three peers), creates two
# secrets with the CLI, grants them to a SwarmService, delivers one pod's secrets into a tmpfs
# directory as its init container would, adds a grant and shows the rollout to a new revision.
#
#   ./demo.sh           run it and tear everything down at the end
#   ./demo.sh --keep    leave the cluster and the operator running; prints the KUBECONFIG to use
#   ./demo.sh --down    stop a demo left running with --keep
#
# State (cluster, store data, logs) lives in $STRONGROOM_DEMO_DIR (default /tmp/strongroom-demo);
# the key-encryption key, peer TLS keys and delivered secrets live in memory, under
# $STRONGROOM_DEMO_TMPFS (default /dev/shm/strongroom-demo), and never touch the disk.
set -Eeuo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${STRONGROOM_DEMO_DIR:-/tmp/strongroom-demo}"
tmpfs="${STRONGROOM_DEMO_TMPFS:-/dev/shm/strongroom-demo}"
jar="$root/operator/target/strongroom.jar"
k8s_version="$(sed -n 's/^K8S_VERSION=//p' "$root/e2e/controlplane/versions.env")"
bin="${STRONGROOM_CACHE:-$HOME/.cache/strongroom}/k8s/$k8s_version-linux-amd64"
ns=demo
system_ns=strongroom-system
replicas=3
total_steps=11
step_no=0
step_name="starting"
keep=false
started=false # whether this run created $state, so a failure may remove it

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }

case "${1:-}" in
  "") ;;
  --keep) keep=true ;;
  --down) mode=down ;;
  -h | --help)
    usage
    exit 0
    ;;
  *)
    usage >&2
    exit 2
    ;;
esac

say() { printf '    %s\n' "$*"; }
step() {
  step_no=$((step_no + 1))
  step_name="$*"
  printf '\n==> [%d/%d] %s\n' "$step_no" "$total_steps" "$*"
}

# Stops the replicas (only processes that still run our jar), the control plane, and removes the
# state and the tmpfs directory.
teardown() {
  local pidfile pid
  for pidfile in "$state"/pids/*.pid; do
    [[ -f "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    if { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -q "strongroom.jar operator"; then
      kill "$pid" 2>/dev/null || true
    fi
  done
  for pidfile in "$state"/pids/*.pid; do
    [[ -f "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    for _ in $(seq 300); do [[ -d "/proc/$pid" ]] || break; sleep 0.1; done
    if [[ -d "/proc/$pid" ]]; then
      echo "demo: replica $(basename "$pidfile" .pid) did not stop in 30s after SIGTERM; killed" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  if [[ -d "$state/cluster" ]]; then
    STRONGROOM_CLUSTER_DIR="$state/cluster" "$root/e2e/controlplane/cluster.sh" down >/dev/null 2>&1 || true
  fi
  rm -rf "$state" "$tmpfs"
}

if [[ "${mode:-}" == down ]]; then
  teardown
  echo "demo: stopped and removed $state and $tmpfs"
  exit 0
fi

failed() {
  local status=$? line=$1
  trap - ERR
  printf '\ndemo: FAILED in step [%d/%d] "%s" (demo.sh line %s, exit %s)\n' \
    "$step_no" "$total_steps" "$step_name" "$line" "$status" >&2
  local log
  for log in "$state"/logs/*.log; do
    [[ -f "$log" ]] || continue
    printf -- '--- last lines of %s\n' "$log" >&2
    tail -n 8 "$log" >&2
  done
  if ! $started; then
    :
  elif $keep; then
    echo "demo: left running for inspection (--keep); stop with ./demo.sh --down" >&2
  else
    teardown
  fi
  exit 1
}
trap 'failed $LINENO' ERR
trap 'echo "demo: interrupted" >&2; $started && ! $keep && teardown; exit 130' INT TERM

# Polls a command until it succeeds; fails the step after $1 seconds.
wait_for() {
  local what="$1" timeout="$2" deadline
  shift 2
  deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then
      echo "demo: $what: not true after ${timeout}s" >&2
      return 1
    fi
    sleep 0.5
  done
}

free_ports() { # count: that many distinct free ports, on one line
  python3 "$root/e2e/controlplane/free_port.py" "$1"
}

kubectl() { "$bin/kubectl" "$@"; }

# kubectl wait, retried: it fails at once while an object has no status yet.
await_kubectl() { # timeout-seconds wait-arguments...
  local timeout="$1"
  shift
  wait_for "kubectl wait $*" "$timeout" kubectl wait --timeout=5s "$@"
}
strongroom() { java -jar "$jar" "$@"; }

# ---------------------------------------------------------------------------------------------
step "Check the tools and build what is missing"
for tool in java mvn go python3 curl openssl; do
  command -v "$tool" >/dev/null || { echo "demo: '$tool' is not on the PATH" >&2; false; }
done
if [[ -e "$state" ]]; then
  echo "demo: $state exists: a demo is running or was left behind; run ./demo.sh --down" >&2
  false
fi
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/operator/src/main" "$root/pom.xml" "$root/operator/pom.xml" -newer "$jar" -print -quit)" ]]; then
  say "building operator/target/strongroom.jar (mvn -pl operator package)"
  (cd "$root" && mvn -q -B -pl operator -DskipTests package)
else
  say "operator/target/strongroom.jar is up to date"
fi
if [[ ! -x "$bin/kube-apiserver" || ! -x "$bin/kwok" || ! -x "$bin/kubectl" ]]; then
  say "building the control plane from source (once; about 7 minutes on 2 cores)"
  "$root/e2e/controlplane/build.sh"
else
  say "control plane binaries cached in $bin"
fi
mkdir -p "$state/logs" "$state/pids"
started=true

# ---------------------------------------------------------------------------------------------
step "Start a local control plane (etcd, kube-apiserver, controller-manager, scheduler, kwok)"
STRONGROOM_CLUSTER_DIR="$state/cluster" "$root/e2e/controlplane/cluster.sh" up \
  >"$state/logs/cluster.log" 2>&1
export KUBECONFIG="$state/cluster/kubeconfig"
kubectl apply --server-side -k "$root/crds/" >/dev/null
await_kubectl 60 --for condition=established \
  crd/swarmsecrets.strongroom.dev crd/swarmservices.strongroom.dev
kubectl create namespace "$system_ns" >/dev/null
kubectl create namespace "$ns" >/dev/null
say "API server $(kubectl config view -o jsonpath='{.clusters[0].cluster.server}'), nodes: $(kubectl get nodes -o name | paste -sd' ')"

# ---------------------------------------------------------------------------------------------
step "Start the operator: $replicas replicas, one encrypted Raft store of $replicas peers"
if [[ "$(stat -f -c %T "$(dirname "$tmpfs")")" != tmpfs ]]; then
  echo "demo: $(dirname "$tmpfs") is not a tmpfs; set STRONGROOM_DEMO_TMPFS to a directory in memory" >&2
  false
fi
mkdir -m 700 "$tmpfs"
strongroom init --local "$tmpfs/operator" | sed 's/^/    /'
peers=""
declare -a health_ports delivery_ports ports
read -ra ports <<<"$(free_ports $((3 * replicas)))"
for i in $(seq 0 $((replicas - 1))); do
  health_ports[i]="${ports[3 * i]}"
  delivery_ports[i]="${ports[3 * i + 1]}"
  peers="${peers:+$peers,}s$i=127.0.0.1:${ports[3 * i + 2]}"
done
for i in $(seq 0 $((replicas - 1))); do
  setsid java -Xmx384m -jar "$jar" operator \
    --namespace="$system_ns" \
    --data-dir="$state/store/s$i" \
    --key-file="$tmpfs/operator/kek" \
    --id="s$i" --peers="$peers" \
    --peer-cert="$tmpfs/operator/peer-tls/peer.pem" \
    --peer-key="$tmpfs/operator/peer-tls/peer-key.pem" \
    --peer-ca="$tmpfs/operator/peer-tls/ca.pem" \
    --metrics-port="${health_ports[i]}" \
    --delivery-port="${delivery_ports[i]}" \
    --delivery-url="https://strongroom-delivery.$system_ns.svc:8443" \
    >"$state/logs/s$i.log" 2>&1 </dev/null &
  echo $! >"$state/pids/s$i.pid"
  disown
done
for i in $(seq 0 $((replicas - 1))); do
  wait_for "replica s$i ready (/readyz)" 120 curl -fsS "http://127.0.0.1:${health_ports[i]}/readyz"
done
wait_for "the sealing key ConfigMap" 60 kubectl get configmap strongroom-sealing-key -n "$system_ns"
lease_holder() {
  kubectl get lease strongroom-operator -n "$system_ns" -o jsonpath='{.spec.holderIdentity}' 2>/dev/null
}
has_lease_holder() { [[ -n "$(lease_holder)" ]]; }
# Readiness is the store's: each replica's reconcilers are still starting, the Lease comes after.
# (A function, so every poll asks again: `test -n "$(...)"` would test one answer 240 times.)
wait_for "a reconciling replica (Lease)" 120 has_lease_holder
leader="$(lease_holder)"
say "peers $peers"
say "reconciling: $leader (holds the Lease); every replica serves deliveries"

# ---------------------------------------------------------------------------------------------
step "Create two secrets with the CLI (sealed on this machine to the cluster's key)"
# Demo values, made up here and shown below next to what the pod received.
db_password="$(openssl rand -base64 18)"
printf %s "$db_password" | strongroom secret create db_password - -n "$ns" >/dev/null
openssl rand -hex 16 | tr -d '\n' >"$tmpfs/api_key"
strongroom secret create api_key "$tmpfs/api_key" -n "$ns" -l app=web >/dev/null
strongroom secret ls -n "$ns" | sed 's/^/    /'

# ---------------------------------------------------------------------------------------------
step "Apply a SwarmService granting them, wait for Ready"
kubectl apply -f - >/dev/null <<EOF
apiVersion: strongroom.dev/v1alpha1
kind: SwarmService
metadata: {name: web, namespace: $ns}
spec:
  replicas: 2
  template:
    spec:
      containers: [{name: web, image: nginx:1.27}]
  secrets:
  - {source: db_password, mode: 0400}
  - {source: api_key, target: api.key, uid: "101", gid: "101", mode: 0440}
  update: {parallelism: 1, order: start-first, monitor: 1s}
EOF
await_kubectl 120 ssvc/web -n "$ns" --for=condition=Ready
kubectl get ssvc -n "$ns" | sed 's/^/    /'

# Runs the agent for one Running pod of grant revision $1, as the pod's init container would: a
# token bound to the pod (audience strongroom), the CA from the strongroom-ca ConfigMap, files into
# a tmpfs directory. Prints the pod's files.
deliver() {
  local revision="$1" pod uid dir
  read -r pod uid < <(kubectl get pods -n "$ns" -l strongroom.dev/service=web -o \
    jsonpath='{range .items[*]}{.metadata.name} {.metadata.uid} {.metadata.annotations.strongroom\.dev/grant-revision} {.status.phase} {.metadata.deletionTimestamp}{"\n"}{end}' |
    awk -v r="$revision" '$3 == r && $4 == "Running" && NF == 4 {print $1, $2; exit}')
  [[ -n "$pod" ]] || { echo "demo: no running pod of grant revision $revision" >&2; return 1; }
  dir="$tmpfs/pods/$pod"
  mkdir -p "$dir/run" "$dir/token"
  kubectl create token default -n "$ns" --audience strongroom --duration 10m \
    --bound-object-kind Pod --bound-object-name "$pod" --bound-object-uid "$uid" >"$dir/token/token"
  kubectl get configmap strongroom-ca -n "$ns" -o jsonpath='{.data.ca\.crt}' >"$dir/token/ca.crt"
  local replica=$((revision % replicas))
  say "pod $pod (grant revision $revision), agent -> replica s$replica's endpoint"
  strongroom agent --dir "$dir/run" --server "https://127.0.0.1:${delivery_ports[replica]}" \
    --token-file "$dir/token/token" --ca-file "$dir/token/ca.crt" --deadline 30s 2>&1 | sed 's/^/    agent: /'
  say "files in $dir/run (tmpfs, as /run/secrets):"
  (cd "$dir/run" && find . -maxdepth 1 -type f -printf '%f\n' | sort | while read -r f; do
    printf '      %-12s %s %4s bytes  owner %s\n' "$f" "$(stat -c %A "$f")" "$(stat -c %s "$f")" "$(stat -c %u:%g "$f")"
  done)
  delivered="$dir/run"
}

expect_file() { # file expected-value label
  local got
  got="$(cat "$delivered/$1")"
  if [[ "$got" != "$2" ]]; then
    echo "demo: $1 does not hold the value created for $3" >&2
    return 1
  fi
  say "$1 = $got  (the demo's $3, shown because the demo made it up)"
}

# ---------------------------------------------------------------------------------------------
step "Deliver a pod's secrets into tmpfs with the agent"
deliver 1
expect_file db_password "$db_password" db_password
expect_file api.key "$(cat "$tmpfs/api_key")" api_key

# ---------------------------------------------------------------------------------------------
step "Add a grant: an operator-generated secret, then service update --secret-add"
kubectl apply -f - >/dev/null <<EOF
apiVersion: strongroom.dev/v1alpha1
kind: SwarmSecret
metadata: {name: session-key, namespace: $ns}
spec: {name: session_key, source: {generate: {length: 24}}}
EOF
await_kubectl 60 ssec/session-key -n "$ns" --for=condition=Ready
strongroom service update web --secret-add source=session_key,mode=0400 -n "$ns" | sed 's/^/    /'

# ---------------------------------------------------------------------------------------------
step "Watch the rolling redeploy to grant revision 2"
await_kubectl 60 ssvc/web -n "$ns" --for=jsonpath='{.status.grantRevision}'=2
kubectl rollout status deploy/web -n "$ns" --timeout=120s | sed 's/^/    /'
await_kubectl 120 ssvc/web -n "$ns" --for=condition=Ready
kubectl get ssvc -n "$ns" | sed 's/^/    /'
strongroom service ps web -n "$ns" | sed 's/^/    /'

# ---------------------------------------------------------------------------------------------
step "Deliver to a pod of the new revision: three files now"
deliver 2
expect_file db_password "$db_password" db_password
[[ "$(wc -c <"$delivered/session_key")" == 24 ]] || { echo "demo: session_key is not 24 bytes" >&2; false; }
say "session_key = $(cat "$delivered/session_key")  (generated by the operator for the demo)"

# ---------------------------------------------------------------------------------------------
step "What the operator reports"
kubectl get ssec,ssvc -n "$ns" | sed 's/^/    /'
say "metrics of $leader, the reconciling replica:"
curl -fsS "http://127.0.0.1:${health_ports[${leader#s}]}/metrics" |
  grep -E '^strongroom_(grant_revisions_recorded_total|secret_versions_total|rollouts_finished_total|store_leader)[ {]' |
  sed 's/^/    /' || true
kubectl get events -n "$ns" --field-selector involvedObject.kind=SwarmService \
  -o custom-columns=REASON:.reason,MESSAGE:.message | sed 's/^/    /'

# ---------------------------------------------------------------------------------------------
step "Finish"
trap - ERR
if $keep; then
  say "left running. Use it with:"
  echo "export KUBECONFIG=$KUBECONFIG"
  echo "export PATH=$bin:\$PATH"
  say "operator logs: $state/logs/s{0,1,2}.log; stop everything with ./demo.sh --down"
else
  teardown
  say "stopped the operator and the control plane; removed $state and $tmpfs"
fi
echo "demo: OK"

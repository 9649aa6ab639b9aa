#!/usr/bin/env bash
# A real, local Kubernetes control plane on loopback: etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler and kwok managing two simulated nodes. Built from source by build.sh.
#
#   cluster.sh up      start (building what is missing); last line: export KUBECONFIG=<path>
#   cluster.sh down    stop exactly the processes `up` started and remove the state directory
#   cluster.sh status  show which of them run
#
# State (PKI, data, logs, pids, kubeconfig) lives in $STRONGROOM_CLUSTER_DIR
# (default: /tmp/strongroom-cluster), so several clusters can run side by side.
# $STRONGROOM_APISERVER_FLAGS adds flags to kube-apiserver, split on spaces, when `up` starts it (a
# running cluster keeps its flags): for a benchmark's investigation, e.g. an audit log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${STRONGROOM_CLUSTER_DIR:-${TMPDIR:-/tmp}/strongroom-cluster}"
nodes="${STRONGROOM_CLUSTER_NODES:-2}"
timeout_s="${STRONGROOM_CLUSTER_TIMEOUT:-180}"
components=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

log() { echo "cluster: $*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}

free_ports() { # count: that many distinct free ports, on one line
  python3 "$here/free_port.py" "$1"
}

# Our process: the pid file exists, the pid is alive and runs the binary we started from $bin.
ours() {
  local name="$1" pidfile="$dir/pids/$1.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$(cat "$dir/pids/$name.exe")" ]]
}

start() { # name binary args...
  local name="$1" binary="$2"
  shift 2
  local pid exe i
  setsid "$binary" "$@" >"$dir/logs/$name.log" 2>&1 </dev/null &
  pid=$!
  exe="$(readlink -f "$binary")"
  echo "$pid" >"$dir/pids/$name.pid"
  echo "$exe" >"$dir/pids/$name.exe"
  # Until setsid has exec'd the binary, /proc/$pid/exe names setsid (or bash): `ours` would take
  # the component for dead. Wait for the exec, at most 10 s.
  for ((i = 0; i < 100; i++)); do
    [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$exe" ]] && return 0
    [[ -d "/proc/$pid" ]] || break
    sleep 0.1
  done
  tail -n 20 "$dir/logs/$name.log" >&2 || true
  die "$name did not start (log: $dir/logs/$name.log)"
}

wait_for() { # description command...
  local what="$1" deadline=$((SECONDS + timeout_s))
  shift
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then die "$what not ready after ${timeout_s}s (logs: $dir/logs)"; fi
    for c in "${components[@]}"; do
      if [[ -f "$dir/pids/$c.pid" ]] && ! ours "$c"; then
        tail -n 20 "$dir/logs/$c.log" >&2 || true
        die "$c exited while waiting for $what (log: $dir/logs/$c.log)"
      fi
    done
    sleep 0.5
  done
  log "$what ready"
}

pki() {
  local p="$dir/pki"
  mkdir -p "$p"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
    -subj "/CN=strongroom-local-ca" -keyout "$p/ca.key" -out "$p/ca.crt" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$p/apiserver.key" -out "$p/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\nextendedKeyUsage=serverAuth\n' >"$p/apiserver.ext"
  openssl x509 -req -in "$p/apiserver.csr" -CA "$p/ca.crt" -CAkey "$p/ca.key" -CAcreateserial \
    -days 30 -extfile "$p/apiserver.ext" -out "$p/apiserver.crt" 2>/dev/null
  # The local cluster's administrator (system:masters); the components use it too. RSA, because
  # the Fabric8 client reads RSA client keys without extra providers.
  openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=strongroom-admin" \
    -keyout "$p/admin.key" -out "$p/admin.csr" 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' >"$p/admin.ext"
  openssl x509 -req -in "$p/admin.csr" -CA "$p/ca.crt" -CAkey "$p/ca.key" -CAcreateserial \
    -days 30 -extfile "$p/admin.ext" -out "$p/admin.crt" 2>/dev/null
  openssl genrsa -out "$p/sa.key" 2048 2>/dev/null
  openssl rsa -in "$p/sa.key" -pubout -out "$p/sa.pub" 2>/dev/null
  chmod 600 "$p"/*.key
}

kubeconfig() { # server
  local p="$dir/pki"
  cat >"$dir/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: strongroom-local
  cluster:
    server: $1
    certificate-authority: $p/ca.crt
users:
- name: strongroom-admin
  user:
    client-certificate: $p/admin.crt
    client-key: $p/admin.key
contexts:
- name: strongroom-local
  context: {cluster: strongroom-local, user: strongroom-admin, namespace: default}
current-context: strongroom-local
EOF
  chmod 600 "$dir/kubeconfig"
}

# Simulated nodes hold 5,000 pods each: the operator benchmark runs 2,000 single-replica services
# (at 250 a node, 1,500 of its pods stayed Pending).
nodes_manifest() {
  for i in $(seq 0 $((nodes - 1))); do
    cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations: {kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0"}
  labels: {type: kwok, kubernetes.io/hostname: kwok-node-$i, kubernetes.io/os: linux, kubernetes.io/arch: amd64}
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "5000"}
  capacity: {cpu: "32", memory: 256Gi, pods: "5000"}
EOF
  done
}

up() {
  if [[ -f "$dir/kubeconfig" ]] && ours kube-apiserver; then
    log "already running in $dir"
    echo "export KUBECONFIG=$dir/kubeconfig"
    return
  fi
  local bin
  bin="$("$here/build.sh" | tail -n 1)"
  rm -rf "$dir"
  mkdir -p "$dir"/{logs,pids,etcd}
  chmod 700 "$dir"
  pki
  local p="$dir/pki" etcd_port etcd_peer api_port kcm_port sched_port kwok_port
  read -r etcd_port etcd_peer api_port kcm_port sched_port kwok_port <<<"$(free_ports 6)"
  echo "$api_port" >"$dir/apiserver.port"

  start etcd "$bin/etcd" --name=strongroom --data-dir="$dir/etcd" \
    --listen-client-urls="http://127.0.0.1:$etcd_port" --advertise-client-urls="http://127.0.0.1:$etcd_port" \
    --listen-peer-urls="http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls="http://127.0.0.1:$etcd_peer" \
    --initial-cluster="strongroom=http://127.0.0.1:$etcd_peer" --unsafe-no-fsync=true --log-level=warn
  wait_for etcd curl -sf "http://127.0.0.1:$etcd_port/health"

  local apiserver_flags=()
  read -ra apiserver_flags <<<"${STRONGROOM_APISERVER_FLAGS:-}"
  start kube-apiserver "$bin/kube-apiserver" --etcd-servers="http://127.0.0.1:$etcd_port" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$api_port" \
    --cert-dir="$p" --tls-cert-file="$p/apiserver.crt" --tls-private-key-file="$p/apiserver.key" \
    --client-ca-file="$p/ca.crt" --authorization-mode=Node,RBAC \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$p/sa.pub" --service-account-signing-key-file="$p/sa.key" \
    --service-cluster-ip-range=10.96.0.0/16 --allow-privileged=true --profiling=false \
    "${apiserver_flags[@]}"
  kubeconfig "https://127.0.0.1:$api_port"
  wait_for kube-apiserver curl -sf --cacert "$p/ca.crt" --cert "$p/admin.crt" --key "$p/admin.key" \
    "https://127.0.0.1:$api_port/readyz"

  local kc="$dir/kubeconfig"
  start kube-controller-manager "$bin/kube-controller-manager" --kubeconfig="$kc" \
    --authentication-kubeconfig="$kc" --authorization-kubeconfig="$kc" \
    --bind-address=127.0.0.1 --secure-port="$kcm_port" --leader-elect=false \
    --service-account-private-key-file="$p/sa.key" --root-ca-file="$p/ca.crt" \
    --cluster-signing-cert-file="$p/ca.crt" --cluster-signing-key-file="$p/ca.key" \
    --controllers='*' --profiling=false
  start kube-scheduler "$bin/kube-scheduler" --kubeconfig="$kc" \
    --authentication-kubeconfig="$kc" --authorization-kubeconfig="$kc" \
    --bind-address=127.0.0.1 --secure-port="$sched_port" --leader-elect=false --profiling=false
  start kwok "$bin/kwok" --kubeconfig="$kc" --config="$bin/kwok-stages.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --manage-nodes-with-label-selector= --cidr=10.244.0.0/16 --node-ip=10.244.0.1 \
    --server-address="127.0.0.1:$kwok_port"
  wait_for kube-controller-manager curl -skf "https://127.0.0.1:$kcm_port/healthz"
  wait_for kube-scheduler curl -skf "https://127.0.0.1:$sched_port/healthz"

  local kubectl=("$bin/kubectl" --kubeconfig="$kc")
  nodes_manifest | "${kubectl[@]}" apply -f - >/dev/null
  wait_for "$nodes kwok nodes" "${kubectl[@]}" wait node -l type=kwok --for=condition=Ready --timeout=5s
  wait_for "default service account" "${kubectl[@]}" get serviceaccount default -n default
  log "up in $dir (kubectl: $bin/kubectl)"
  echo "export KUBECONFIG=$kc"
}

down() {
  [[ -d "$dir/pids" ]] || {
    log "nothing running in $dir"
    return
  }
  local i c pid
  for ((i = ${#components[@]} - 1; i >= 0; i--)); do
    c="${components[$i]}"
    if ours "$c"; then
      pid="$(cat "$dir/pids/$c.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do
        [[ -d "/proc/$pid" ]] || break
        sleep 0.1
      done
      [[ -d "/proc/$pid" ]] && kill -9 "$pid" 2>/dev/null || true
      log "stopped $c ($pid)"
    fi
  done
  rm -rf "$dir"
}

status() {
  for c in "${components[@]}"; do
    if ours "$c"; then echo "$c running (pid $(cat "$dir/pids/$c.pid"))"; else echo "$c stopped"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac

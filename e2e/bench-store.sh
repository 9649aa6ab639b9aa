#!/usr/bin/env bash
# Store benchmark against its baseline (not a test): for each concurrency, a 3-member etcd cluster
# on loopback (fsync on, the etcd the control plane builds) takes puts from etcdbench, then
# `strongroom bench store` runs its 3 encrypted peers (and the same unencrypted) on the same
# filesystem, and one table compares writes/s and p99. Both write 1 KiB values to their leader.
#   e2e/bench-store.sh [--seconds N] [--concurrency "1 16 64"] [--rounds N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=10 concurrencies="1 16 64" rounds=2
while (($#)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --concurrency) concurrencies=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds N] [--concurrency \"1 16 64\"] [--rounds N]" >&2; exit 2 ;;
  esac
done

bin=$("$root/e2e/controlplane/build.sh" | tail -n 1)
work=$(mktemp -d "${TMPDIR:-/tmp}/strongroom-bench-etcd.XXXXXX")
pids=()
stop_etcd() {
  ((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null && wait "${pids[@]}" 2>/dev/null
  pids=()
}
trap 'stop_etcd; rm -rf "$work"' EXIT
(cd "$root/e2e/controlplane" && GOTOOLCHAIN=local go build -o "$work/etcdbench" ./etcdbench)
jar="$root/operator/target/strongroom.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -q -B -ntp -pl operator package -DskipTests)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_etcd() { # a fresh 3-member cluster; prints its client URLs
  local names=(e0 e1 e2) client=() peer=() cluster="" i
  for i in 0 1 2; do
    client[i]="http://127.0.0.1:$(free_port)" peer[i]="http://127.0.0.1:$(free_port)"
    cluster+="${cluster:+,}${names[i]}=${peer[i]}"
  done
  for i in 0 1 2; do
    "$bin/etcd" --name="${names[i]}" --data-dir="$work/data-${names[i]}" \
      --listen-client-urls="${client[i]}" --advertise-client-urls="${client[i]}" \
      --listen-peer-urls="${peer[i]}" --initial-advertise-peer-urls="${peer[i]}" \
      --initial-cluster="$cluster" --initial-cluster-state=new --log-level=error \
      >>"$work/etcd-${names[i]}.log" 2>&1 &
    pids+=($!)
  done
  local IFS=,
  echo "${client[*]}"
}

results="$work/results.jsonl"
for c in $concurrencies; do
  echo "bench-store: concurrency $c: etcd, 3 members..." >&2
  endpoints=$(start_etcd)
  etcd=$("$work/etcdbench" --endpoints="$endpoints" --concurrency="$c" --seconds="$seconds")
  stop_etcd
  rm -rf "$work"/data-*
  echo "bench-store: concurrency $c: strongroom, 3 peers..." >&2
  ours=$(java -jar "$jar" bench store --peers 3 --concurrency "$c" --seconds "$seconds" \
    --rounds "$rounds" --json)
  printf '{"concurrency": %s, "etcd": %s, "strongroom": %s}\n' "$c" "$etcd" "$ours" >>"$results"
done

python3 - "$results" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
head = ("conc", "etcd w/s", "etcd p99", "strongroom w/s", "p99", "unencrypted w/s", "enc ratio",
        "vs etcd w/s", "vs etcd p99")
print("| " + " | ".join(head) + " |")
print("|" + " --- |" * len(head))
for r in rows:
    e, s = r["etcd"], r["strongroom"]
    print("| %d | %.0f | %.1f ms | %.0f | %.1f ms | %.0f | %.2f | %.2f | %.2f |" % (
        r["concurrency"], e["writesPerSecond"], e["p99Ms"], s["writesPerSecond"], s["p99Ms"],
        s["unencryptedWritesPerSecond"], s["encryptionRatio"],
        s["writesPerSecond"] / e["writesPerSecond"], s["p99Ms"] / e["p99Ms"]))
EOF

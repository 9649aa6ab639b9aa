#!/usr/bin/env bash
# Store benchmark against its baseline (not a test): for each concurrency, a 3-member etcd cluster
# on loopback (fsync on, the etcd the control plane builds) takes puts from etcdbench, then
# `strongroom bench store` runs its 3 encrypted peers alone on the same filesystem, and one table
# compares writes/s and p99; a second `bench store` run beside the same peers unencrypted gives
# the encryption ratio. Both write 1 KiB values to their leader.
# etcd warms up 3 s; strongroom until its JVM's JIT compilers have settled (`bench store`'s
# default), since a JVM that still compiles measures its compilers.
# With --pairs N each concurrency runs N etcd/strongroom pairs, alternating which goes first
# (ABBA), and the table shows the median of each side's runs, so drift on a busy machine falls
# on both alike.
#   e2e/bench-store.sh [--seconds N] [--concurrency "1 16 64"] [--pairs N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=10 concurrencies="1 16 64" pairs=1
usage="usage: $0 [--seconds N] [--concurrency \"1 16 64\"] [--pairs N]"
while (($#)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --concurrency) concurrencies=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[[ "$pairs" =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }

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

run_etcd() { # concurrency
  echo "bench-store: concurrency $1: etcd, 3 members..." >&2
  local endpoints result
  endpoints=$(start_etcd)
  result=$("$work/etcdbench" --endpoints="$endpoints" --concurrency="$1" --seconds="$seconds")
  stop_etcd
  rm -rf "$work"/data-*
  printf '{"concurrency": %s, "system": "etcd", "result": %s}\n' "$1" "$result" >>"$results"
}

strongroom_alone() { # concurrency
  # As etcd runs: the encrypted peers and nothing else in the JVM.
  echo "bench-store: concurrency $1: strongroom, 3 peers..." >&2
  java -jar "$jar" bench store --peers 3 --concurrency "$1" --seconds "$seconds" \
    --encrypted-only --json
}

strongroom_paired() { # concurrency
  # Beside their unencrypted twin, for the encryption ratio (twice the peers slows both alike).
  echo "bench-store: concurrency $1: strongroom, 3 peers and 3 unencrypted..." >&2
  java -jar "$jar" bench store --peers 3 --concurrency "$1" --seconds "$seconds" --json
}

run_strongroom() { # concurrency first: alone (the run etcd is compared with) or paired
  local alone paired
  if [[ "$2" == alone ]]; then
    alone=$(strongroom_alone "$1")
    paired=$(strongroom_paired "$1")
  else
    paired=$(strongroom_paired "$1")
    alone=$(strongroom_alone "$1")
  fi
  printf '{"concurrency": %s, "system": "strongroom", "result": %s, "paired": %s}\n' \
    "$1" "$alone" "$paired" >>"$results"
}

results="$work/results.jsonl"
for c in $concurrencies; do
  for ((pair = 0; pair < pairs; pair++)); do
    # Separate commands, not `a && b`: errexit does not reach into a function run in a list.
    # ABBA, with the run compared with etcd always next to it: E·A·P, then P·A·E.
    if ((pair % 2 == 0)); then
      run_etcd "$c"
      run_strongroom "$c" alone
    else
      run_strongroom "$c" paired
      run_etcd "$c"
    fi
  done
done

python3 - "$results" <<'EOF'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    result = dict(r["result"], paired=r["paired"]) if "paired" in r else r["result"]
    runs.setdefault(r["concurrency"], {}).setdefault(r["system"], []).append(result)
def med(results, key):
    return statistics.median(x[key] for x in results)
head = ("conc", "runs", "etcd w/s", "etcd p99", "strongroom w/s", "p99", "vs etcd w/s",
        "vs etcd p99", "paired: encrypted w/s", "unencrypted w/s", "enc ratio")
print("| " + " | ".join(head) + " |")
print("|" + " --- |" * len(head))
for c, systems in runs.items():
    e, s = systems["etcd"], systems["strongroom"]
    p = [x["paired"] for x in s]
    print("| %d | %d | %.0f | %.1f ms | %.0f | %.1f ms | %.2f | %.2f | %.0f | %.0f | %.2f |" % (
        c, len(e), med(e, "writesPerSecond"), med(e, "p99Ms"), med(s, "writesPerSecond"),
        med(s, "p99Ms"), med(s, "writesPerSecond") / med(e, "writesPerSecond"),
        med(s, "p99Ms") / med(e, "p99Ms"), med(p, "writesPerSecond"),
        med(p, "unencryptedWritesPerSecond"), med(p, "encryptionRatio")))
EOF

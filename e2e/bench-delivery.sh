#!/usr/bin/env bash
# Delivery benchmark (not a test): deliveries/s and p99 of one operator replica for 1,000 agents
# with 5 secrets each, and the agent process's start to files written. Needs a running control
# plane: STRONGROOM_KUBECONFIG=/tmp/strongroom-cluster/kubeconfig e2e/bench-delivery.sh
# (BENCH_JAVA_OPTS adds JVM flags to the benchmark JVM, such as a profiler agent;
# OPERATOR_JAVA_OPTS to the operator replica's, such as a container's -Xmx256m -XX:+UseSerialGC;
# BENCH_JAVA_OPTS=-Dbench.baselineJar=OTHER/strongroom.jar compares the replica's CPU per new
# connection with another build's, alternating.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
: "${STRONGROOM_KUBECONFIG:?set STRONGROOM_KUBECONFIG to a running cluster (e2e/controlplane/cluster.sh up)}"
cd "$root"
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# One reactor build, so the e2e module's classpath resolves the operator from this checkout rather
# than from ~/.m2 (where a fresh machine has none). Each module writes the file; e2e's comes last.
mvn -o -q -B -pl operator,e2e package dependency:build-classpath -DskipTests \
  -Dspotless.check.skip=true -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
# The load generator for new connections (a Go TLS client costs a fraction of a JVM's per handshake).
go_client="$root/e2e/target/deliverybench"
(cd "$root/e2e/controlplane" && GOTOOLCHAIN=local go build -o "$go_client" ./deliverybench)
# The operator's own entry (its jar in operator/target) gives way to its classes, named below.
deps=$(tr ':' '\n' <"$cp_file" | grep -v '/strongroom-operator-[^/]*\.jar$' | paste -sd: -)
read -ra opts <<<"${BENCH_JAVA_OPTS:-}"
exec java "${opts[@]}" -Dstrongroom.root="$root" \
  -Dstrongroom.operatorJvmFlags="${OPERATOR_JAVA_OPTS:-}" -Dbench.goClient="$go_client" \
  -cp "$root/e2e/target/test-classes:$root/operator/target/classes:$deps" \
  dev.strongroom.e2e.DeliveryBenchmark

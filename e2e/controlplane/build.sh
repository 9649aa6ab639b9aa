#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl and kwok from their
# Go modules into a cache outside the checkout, in the layout io.fabric8:kube-api-test expects:
#   ${STRONGROOM_CACHE:-~/.cache/strongroom}/k8s/<K8S_VERSION>-linux-amd64/
# Binaries already present are not rebuilt. Prints the binary directory as its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/versions.env
source "$here/versions.env"
cache="${STRONGROOM_CACHE:-$HOME/.cache/strongroom}"
bin="$cache/k8s/${K8S_VERSION}-linux-amd64"
mkdir -p "$bin"

export CGO_ENABLED=0 GOFLAGS="-trimpath" GOTOOLCHAIN=local

build_tool() { # name package
  local name="$1" pkg="$2"
  if [[ -x "$bin/$name" ]]; then echo "cached: $bin/$name" >&2; return; fi
  echo "building $name ($pkg)..." >&2
  local start=$SECONDS
  (cd "$here" && go build -ldflags="-s -w $3" -o "$bin/$name.tmp" "$pkg")
  mv "$bin/$name.tmp" "$bin/$name"
  echo "built $name in $((SECONDS - start)) s" >&2
}

k8s_ldflags() {
  local pkg=k8s.io/component-base/version
  echo "-X $pkg.gitVersion=v${K8S_VERSION} -X $pkg.gitMajor=${K8S_VERSION%%.*} -X $pkg.gitMinor=$(cut -d. -f2 <<<"$K8S_VERSION") -X $pkg.gitTreeState=clean"
}

build_tool etcd go.etcd.io/etcd/server/v3 ""
for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  build_tool "$cmd" "k8s.io/kubernetes/cmd/$cmd" "$(k8s_ldflags)"
done
if [[ ! -x "$bin/kwok" ]]; then
  echo "building kwok v${KWOK_VERSION}..." >&2
  start=$SECONDS
  GOBIN="$bin" go install "sigs.k8s.io/kwok/cmd/kwok@v${KWOK_VERSION}"
  echo "built kwok in $((SECONDS - start)) s" >&2
fi
# Standalone kwok needs its stage definitions (kwokctl normally injects them); they ship in the module.
if [[ ! -f "$bin/kwok-stages.yaml" ]]; then
  stages="$(cd "$here" && go env GOMODCACHE)/sigs.k8s.io/kwok@v${KWOK_VERSION}/kustomize/stage"
  for f in node/fast/node-initialize.yaml node/heartbeat/node-heartbeat.yaml \
    pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    echo "---"
    cat "$stages/$f"
  done >"$bin/kwok-stages.yaml.tmp"
  mv "$bin/kwok-stages.yaml.tmp" "$bin/kwok-stages.yaml"
fi
echo "$bin"

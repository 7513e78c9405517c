#!/usr/bin/env bash
# Builds the Cairn node image (default tag cairn-node:dev) from node/target.
#
#   deploy/node-image.sh [TAG]
#
# Uses the local cairn-base:bookworm (deploy/base-image.sh) when it exists, else the Dockerfile's
# public default. Env: CAIRN_BASE_IMAGE to force a base image.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TAG="${1:-cairn-node:dev}"
JAR="$ROOT/node/target/cairn-node-0.1.0-SNAPSHOT.jar"
LIB="$ROOT/node/target/lib"

log() { echo "node-image: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ -f $JAR && -d $LIB ]] \
  || die "$JAR or $LIB is missing: run mvn package first (mvn -q -B -ntp -DskipTests -pl node -am package)"
command -v docker >/dev/null || die "docker is not installed"
docker info >/dev/null 2>&1 || die "the docker daemon does not answer (is dockerd running?)"

build_args=()
if [[ -n ${CAIRN_BASE_IMAGE:-} ]]; then
  build_args=(--build-arg "BASE_IMAGE=$CAIRN_BASE_IMAGE")
elif docker image inspect cairn-base:bookworm >/dev/null 2>&1; then
  build_args=(--build-arg BASE_IMAGE=cairn-base:bookworm)
else
  log "cairn-base:bookworm not found; using the Dockerfile's public default base (needs a registry)"
fi

# A context with only what the image needs (not the whole repo with its target dirs and .git).
CTX="$(mktemp -d /tmp/cairn-node-ctx.XXXXXX)"
trap 'rm -rf "$CTX"' EXIT
cp "$ROOT/deploy/Dockerfile" "$ROOT/deploy/node-ctl" "$ROOT/conf/jvm.options" "$JAR" "$CTX/"
cp -r "$LIB" "$CTX/lib"

# Without buildx the docker CLI needs the legacy builder asked for explicitly.
if ! docker buildx version >/dev/null 2>&1; then export DOCKER_BUILDKIT=0; fi

old_id=$(docker image inspect -f '{{.Id}}' "$TAG" 2>/dev/null || true)
start=$SECONDS
log "building $TAG ${build_args[*]}"
docker build -q "${build_args[@]}" -t "$TAG" "$CTX" >/dev/null || die "docker build failed"
# The image this build replaced is now untagged: drop it so rebuilds do not pile up
# (fails harmlessly while a container still uses it).
if [[ -n $old_id && $old_id != "$(docker image inspect -f '{{.Id}}' "$TAG")" ]]; then
  docker rmi "$old_id" >/dev/null 2>&1 || true
fi
log "built $TAG in $((SECONDS - start)) s"

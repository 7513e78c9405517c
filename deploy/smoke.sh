#!/usr/bin/env bash
# End-to-end check of the node image and node-ctl: two containers n1, n2 on their own network,
# replication, an iptables partition, kill -9 + restart, pause/resume and clock skew.
# Removes its containers and network on exit; leaves the image.
#
#   deploy/smoke.sh [IMAGE]      (default cairn-node:dev; build it with deploy/node-image.sh)
set -euo pipefail

IMAGE="${1:-cairn-node:dev}"
NET=cairn-smoke
CFG="$(mktemp -d /tmp/cairn-smoke.XXXXXX)"

log() { echo "smoke: $*"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
remove_containers() {
  docker rm -f "$NET-n1" "$NET-n2" >/dev/null 2>&1 || true
  docker network rm "$NET" >/dev/null 2>&1 || true
}
cleanup() { remove_containers; rm -rf "$CFG"; }
trap cleanup EXIT
now_ms() { date +%s%3N; }
ctl() { docker exec "$NET-$1" node-ctl "${@:2}"; }
url() { echo "http://127.0.0.1:${PORT[$1]}/v1/buckets/smoke/keys/$2"; }
put() { curl -fsS -o /dev/null -X PUT -H 'Content-Type: text/plain' --data "$3" "$(url "$1" "$2")"; }
get() { curl -sS -m 5 "$(url "$1" "$2")"; }
stamp() { curl -fsS -D - -o /dev/null "$(url "$1" "$2")" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cairn-timestamp" {print $2}'; }
wait_ready() { # node seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "http://127.0.0.1:${PORT[$1]}/ready" 2>/dev/null; do
    (( SECONDS < deadline )) || { docker exec "$NET-$1" tail -30 /var/log/cairn/node.log >&2; fail "$1 not ready in $2 s"; }
    sleep 0.1
  done
}

docker image inspect "$IMAGE" >/dev/null 2>&1 || fail "image $IMAGE missing (deploy/node-image.sh)"
remove_containers   # leftovers of an interrupted run
docker network create "$NET" >/dev/null

# one secret for both nodes: each signs the contexts it hands out and accepts only the other's
SECRET=$(head -c 32 /dev/urandom | base64)
for id in n1 n2; do
  cat >"$CFG/$id.yaml" <<YAML
node: {id: $id, data-dir: /var/lib/cairn/data}
http: {host: 0.0.0.0, port: 8098}
internode: {host: 0.0.0.0, port: 8099}
cluster:
  partitions: 64
  secret: "$SECRET"
  members:
    - {id: n1, host: n1, internode-port: 8099, http-port: 8098}
    - {id: n2, host: n2, internode-port: 8099, http-port: 8098}
defaults: {n: 2, r: 1, w: 1}
hints: {delivery-interval-ms: 1000}
YAML
done

declare -A PORT IP
t0=$(now_ms)
for id in n1 n2; do
  docker run -d --init --cap-add NET_ADMIN --name "$NET-$id" --hostname "$id" --network "$NET" \
    --network-alias "$id" -p 127.0.0.1::8098 "$IMAGE" >/dev/null
  docker cp "$CFG/$id.yaml" "$NET-$id:/etc/cairn/cairn.yaml"
  ctl "$id" start
  PORT[$id]=$(docker port "$NET-$id" 8098/tcp | head -n1 | sed 's/.*://')
  IP[$id]=$(docker inspect -f "{{(index .NetworkSettings.Networks \"$NET\").IPAddress}}" "$NET-$id")
done
wait_ready n1 90; wait_ready n2 90
log "two containers up and both nodes /ready in $(( $(now_ms) - t0 )) ms"

# w=1: n1 acknowledges before n2 has stored its replica, so the read via n2 may need a moment
put n1 k1 hello
eventually() { local _; for _ in $(seq 1 100); do "$@" && return 0; sleep 0.1; done; return 1; }
is() { [[ $(get "$1" "$2") == "$3" ]]; }
eventually is n2 k1 hello || fail "k1 written via n1 not readable via n2 within 10 s"
log "PUT via n1, GET via n2: ok"

docker exec "$NET-n1" sh -c "iptables -A INPUT -s ${IP[n2]} -j DROP && iptables -A OUTPUT -d ${IP[n2]} -j DROP"
put n1 k2 partitioned
[[ $(get n2 k2) == *'not found'* ]] || fail "n2 sees k2 through the partition"
docker exec "$NET-n1" iptables -F
eventually is n2 k2 partitioned || fail "k2 did not reach n2 within 10 s of the heal"
log "partition: n2 missed k2 while cut off, got it after heal: ok"

ctl n1 kill
[[ $(ctl n1 status || true) == stopped ]] || fail "status after kill is not 'stopped'"
t1=$(now_ms); ctl n1 start; wait_ready n1 90
log "kill -9 + start to /ready in $(( $(now_ms) - t1 )) ms"
docker exec "$NET-n1" iptables -A INPUT -s "${IP[n2]}" -j DROP   # n1 must answer from its own disk
[[ $(get n1 k1) == hello && $(get n1 k2) == partitioned ]] || fail "data lost across kill -9"
docker exec "$NET-n1" iptables -F
log "data survives kill -9: ok"

ctl n1 pause
[[ $(ctl n1 status) == paused ]] || fail "status after pause is not 'paused'"
! curl -fsS -m 2 -o /dev/null "$(url n1 k1)" 2>/dev/null || fail "paused n1 still answers"
ctl n1 resume
[[ $(get n1 k1) == hello ]] || fail "n1 does not answer after resume"
log "pause/resume: ok"

ctl n1 skew +2h
sleep 2.5
put n1 k3 skewed; d=$(( $(stamp n1 k3) - $(now_ms) ))
(( d > 7190000 && d < 7210000 )) || fail "write timestamp after skew +2h is off by $d ms"
ctl n1 skew 0
sleep 2.5
put n1 k4 unskewed; d=$(( $(stamp n1 k4) - $(now_ms) ))
(( d > -10000 && d < 10000 )) || fail "write timestamp after skew 0 is off by $d ms"
log "clock skew +2h then 0 without restart: ok"
log "all checks passed"

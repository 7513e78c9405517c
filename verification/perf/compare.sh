#!/usr/bin/env bash
# Side-by-side YCSB comparison of Cairn, Redis and Apache Cassandra on this machine (loopback only).
#
#   verification/perf/compare.sh [--duration S] [--warmup S] [--threads N] [--repeats R] [--records K]
#                                [--systems LIST] [--workloads LIST] [--half-peak LIST] [--no-doc]
#                                [--server-cpus LIST --client-cpus LIST] [--keep-data]
#
#   --duration   seconds of each measured YCSB run (default 30)
#   --warmup     seconds of an unmeasured run of the same workload before each measured one (default 40;
#                0 for none). Every system here is a JVM or has caches: a cold 30 s run measures the
#                JIT compiler as much as the store.
#   --threads    YCSB client threads (default 16)
#   --repeats    how often the whole round over all systems is repeated (default 1)
#   --records    records loaded before the runs (default 10000, 1 KB each)
#   --systems    comma list from cairn1 cairn3 redis redis-aof cassandra1 cassandra3
#                (default cairn3,cairn1,redis,redis-aof,cassandra3)
#   --workloads  comma list from a b c f (default a,b,c,f)
#   --half-peak  comma list of workloads that get a second measured run right after the first, with
#                YCSB's -target at half the throughput the first reached (default a; none for no such
#                runs): latency at a moderate load, counted from when each operation was due
#                (measurement.interval=both), so queueing behind a slow operation is not hidden; the
#                YCSB JVM's first 10 s are left out (per-second interval logs, see docs/performance.md)
#   --no-doc     leave docs/performance.md and docs/perf/*.png alone (results stay in the run dir)
#   --keep-data  keep each system's stored data after it stops (by default only its logs and config
#                stay: every Cairn node pre-sizes its partition maps, ~0.75 GB a node here, and a
#                round of all systems would leave ~3 GB behind). A run that stops on an error keeps the
#                data of the system it stopped in, for diagnosis
#   --server-cpus, --client-cpus
#                CPU lists (taskset's syntax, e.g. 0-5 and 6-7) that every server process and the
#                YCSB client are pinned to, given together: on a machine with cores to spare, the
#                client then takes no CPU from the stores it measures, as on separate machines.
#                Default: no pinning, every process may run on every CPU
#   -p KEY=VALUE an extra YCSB property for every run (repeatable), e.g. -p cairn.protocol=http
#                (Cairn's client speaks the binary client protocol unless cairn.protocol=http)
#
# Each round starts every system in turn on fresh data, loads it, runs each workload for --duration
# seconds with YCSB's own site.ycsb.Client, and stops it; rounds alternate systems rather than run one
# system's repeats back to back. CPU used during every run is recorded: the server processes'
# (/proc/<pid>/stat utime+stime), the YCSB client's (its process), and everything else (/proc/stat).
# Results land in verification/target/perf/<timestamp>/; the table and plots are then written into
# docs/performance.md between its markers and docs/perf/. Needs `mvn -q -B -ntp -DskipTests install`
# first. Not part of mvn verify or CI.
#
# Environment: CAIRN_JAVA_OPTS (Cairn nodes' JVM options, default -Xms1g -Xmx1g -XX:+AlwaysPreTouch, as
# Cassandra gets: its own jvm-server.options pre-touches the heap), YCSB_JAVA_OPTS (the
# YCSB client's, default -Xmx1g), PERF_PORT_BASE (Cairn's ports, default 18100). Either options
# variable can carry -XX:StartFlightRecording=... to profile a run (docs/performance.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PERF="$ROOT/verification/perf"
DURATION=30
WARMUP=40
THREADS=16
REPEATS=1
RECORDS=10000
SYSTEMS="cairn3,cairn1,redis,redis-aof,cassandra3"
WORKLOADS="a,b,c,f"
HALF_PEAK="a"
UPDATE_DOC=yes
KEEP_DATA=no
SERVER_CPUS=""
CLIENT_CPUS=""
EXTRA_PROPS=()
CACHE="${CAIRN_PERF_CACHE:-$HOME/.cache/cairn-perf}"
CAIRN_HTTP_BASE=${PERF_PORT_BASE:-18100}  # node i: HTTP 18100+i, internode 18200+i, binary client port 18300+i
                           # (PERF_PORT_BASE moves them, e.g. when another run holds these ports)
REDIS_PORT=16379
LOAD_LIMIT_S=600           # bound on one load phase

die() { echo "compare: $*" >&2; exit 1; }
log() { echo "compare: $(date +%H:%M:%S) $*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --repeats) REPEATS="$2"; shift 2 ;;
    --records) RECORDS="$2"; shift 2 ;;
    --systems) SYSTEMS="$2"; shift 2 ;;
    --workloads) WORKLOADS="$2"; shift 2 ;;
    --half-peak) HALF_PEAK="$2"; shift 2 ;;
    --no-doc) UPDATE_DOC=no; shift ;;
    --keep-data) KEEP_DATA=yes; shift ;;
    --server-cpus) SERVER_CPUS="$2"; shift 2 ;;
    --client-cpus) CLIENT_CPUS="$2"; shift 2 ;;
    -p) EXTRA_PROPS+=(-p "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
# the Cairn client's protocol: binary unless a -p cairn.protocol=... says otherwise (the last one wins)
CAIRN_PROTOCOL=binary
for prop in ${EXTRA_PROPS[@]+"${EXTRA_PROPS[@]}"}; do
  [[ $prop == cairn.protocol=* ]] && CAIRN_PROTOCOL="${prop#cairn.protocol=}"
done
[[ $CAIRN_PROTOCOL == binary || $CAIRN_PROTOCOL == http ]] || die "cairn.protocol must be binary or http"
for n in "$DURATION" "$THREADS" "$REPEATS" "$RECORDS"; do [[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 ]] || die "not a positive number: $n"; done
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "not a number of seconds: $WARMUP"
IFS=, read -r -a SYSTEM_LIST <<< "$SYSTEMS"
IFS=, read -r -a WORKLOAD_LIST <<< "$WORKLOADS"
for s in "${SYSTEM_LIST[@]}"; do
  case "$s" in cairn1|cairn3|redis|redis-aof|cassandra1|cassandra3) ;; *) die "unknown system $s" ;; esac
done
for w in "${WORKLOAD_LIST[@]}"; do [[ -f "$PERF/workloads/workload$w" ]] || die "unknown workload $w"; done
[[ $HALF_PEAK == none ]] && HALF_PEAK=""
IFS=, read -r -a HALF_PEAK_LIST <<< "$HALF_PEAK"
for w in ${HALF_PEAK_LIST[@]+"${HALF_PEAK_LIST[@]}"}; do
  [[ ",$WORKLOADS," == *",$w,"* ]] || die "--half-peak $w: workload $w is not among --workloads $WORKLOADS"
done
# pinning: both lists or neither, each one taskset accepts
[[ -z $SERVER_CPUS && -z $CLIENT_CPUS ]] || [[ -n $SERVER_CPUS && -n $CLIENT_CPUS ]] \
  || die "--server-cpus and --client-cpus go together (one without the other would still let them share CPUs)"
SERVER_PIN=()
CLIENT_PIN=()
if [[ -n $SERVER_CPUS ]]; then
  command -v taskset >/dev/null || die "--server-cpus needs taskset (Debian package util-linux)"
  for cpus in "$SERVER_CPUS" "$CLIENT_CPUS"; do
    taskset -c "$cpus" true 2>/dev/null || die "not a CPU list of this machine: $cpus (see nproc; e.g. 0-5)"
  done
  cpu_set() { # a taskset CPU list (e.g. 0-3,6 or 0-7:2), one CPU a line
    local part range step
    for part in ${1//,/ }; do
      range=${part%%:*}; step=1
      [[ $part == *:* ]] && step=${part#*:}
      if [[ $range == *-* ]]; then seq "${range%-*}" "$step" "${range#*-}"; else echo "$range"; fi
    done
  }
  shared=$(comm -12 <(cpu_set "$SERVER_CPUS" | sort -u) <(cpu_set "$CLIENT_CPUS" | sort -u) | paste -sd, -)
  [[ -z $shared ]] || die "--server-cpus and --client-cpus share CPUs $shared: the client would take CPU from the stores"
  SERVER_PIN=(taskset -c "$SERVER_CPUS")
  CLIENT_PIN=(taskset -c "$CLIENT_CPUS")
fi
pom_property() { sed -n "s|.*<$1>\\(.*\\)</$1>.*|\\1|p" "$ROOT/pom.xml" | head -1; }
CASSANDRA_VERSION=$(pom_property cassandra.version)
DEPENDENCY_PLUGIN_VERSION=$(pom_property dependency-plugin.version)
[[ -n "$CASSANDRA_VERSION" && -n "$DEPENDENCY_PLUGIN_VERSION" ]] || die "cannot read versions from the parent pom"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CLK_TCK=$(getconf CLK_TCK)
STAMP=$(date +%Y%m%d-%H%M%S)
OUT="$ROOT/verification/target/perf/$STAMP"
mkdir -p "$OUT"
SERVER_PIDS=()

# --- prerequisites ------------------------------------------------------------------------------

[[ -f "$ROOT/verification/target/classes/io/cairn/verification/perf/CairnYcsbClient.class" && \
   -f "$ROOT/node/target/cairn-node-0.1.0-SNAPSHOT.jar" ]] \
  || die "build first: mvn -q -B -ntp -DskipTests install"

CP_FILE="$ROOT/verification/target/perf-classpath.txt"
if [[ ! -f "$CP_FILE" || "$ROOT/verification/pom.xml" -nt "$CP_FILE" || "$ROOT/pom.xml" -nt "$CP_FILE" ]]; then
  log "resolving the YCSB client class path"
  (cd "$ROOT" && mvn -q -B -ntp -pl verification dependency:build-classpath -Dmdep.includeScope=runtime \
     -Dmdep.outputFile="$CP_FILE") || die "cannot resolve the class path"
fi
# a class path resolved against a stale parent pom in ~/.m2 can silently lack whole dependency trees
for jar in vertx-core netty-common java-driver-core jedis; do
  grep -q "/$jar-[0-9][^/]*\.jar" "$CP_FILE" || { rm -f "$CP_FILE"; die "the resolved class path lacks $jar: run mvn -q -B -ntp -DskipTests install, then again"; }
done
YCSB_CP="$ROOT/verification/target/classes:$(cat "$CP_FILE")"

needs() { [[ ",$SYSTEMS," == *",$1"* ]]; }

if needs redis; then
  if ! command -v redis-server >/dev/null; then
    log "installing Debian's redis-server"
    (apt-get install -y -q redis-server >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q redis-server >/dev/null; }) \
      || die "cannot install redis-server"
    # the package may start its own service; the harness runs its own instances
  fi
fi

CASSANDRA_HOME="$CACHE/cassandra-$CASSANDRA_VERSION"
if needs cassandra; then
  if [[ ! -f "$CASSANDRA_HOME/.complete" ]]; then
    log "fetching Cassandra $CASSANDRA_VERSION and its dependencies from Maven Central into $CASSANDRA_HOME"
    mkdir -p "$CASSANDRA_HOME/lib"
    rm -rf "$CASSANDRA_HOME/lib"; mkdir -p "$CASSANDRA_HOME/lib"
    mvn -q -B -ntp -f "$PERF/cassandra/pom.xml" \
      "org.apache.maven.plugins:maven-dependency-plugin:$DEPENDENCY_PLUGIN_VERSION:copy-dependencies" \
      -Dcassandra.version="$CASSANDRA_VERSION" -DincludeScope=runtime -DoutputDirectory="$CASSANDRA_HOME/lib" \
      || die "cannot fetch Cassandra"
    touch "$CASSANDRA_HOME/.complete"
  fi
fi

# --- CPU accounting ------------------------------------------------------------------------------

proc_ticks() { # utime+stime of a process, in clock ticks (0 once it is gone)
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  stat="${stat##*) }"                     # drop "pid (comm) ", comm may hold spaces
  # shellcheck disable=SC2086
  set -- $stat                            # now $1 is field 3 (state): utime is field 14 -> $12
  echo $(( ${12} + ${13} ))
}
servers_ticks() { local t=0 p; for p in "${SERVER_PIDS[@]}"; do t=$((t + $(proc_ticks "$p"))); done; echo "$t"; }
machine_ticks() { # "busy total" over all CPUs from /proc/stat
  local cpu user nice system idle iowait irq softirq steal rest
  read -r cpu user nice system idle iowait irq softirq steal rest < /proc/stat
  echo "$((user + nice + system + irq + softirq + steal)) $((user + nice + system + idle + iowait + irq + softirq + steal))"
}
ticks_to_s() { awk -v t="$1" -v h="$CLK_TCK" 'BEGIN { printf "%.3f", t / h }'; }

# run_ycsb NAME PHASE(load|run) WORKLOAD DB PROPS... : runs site.ycsb.Client, writes NAME.ycsb.txt and NAME.cpu
run_ycsb() {
  local name=$1 phase=$2 workload=$3 db=$4; shift 4
  local s0 s1 m0 m1 t0 t1 limit=${LIMIT_S:-$DURATION} flag=-t
  if [[ $phase == load ]]; then limit=$LOAD_LIMIT_S; flag=-load; fi
  s0=$(servers_ticks); m0=$(machine_ticks); t0=$(date +%s.%N)
  local load1; load1=$(cut -d' ' -f1-3 /proc/loadavg)
  # The child's CPU is read from this bash's cutime+cstime (fields 16, 17) once it has waited for java.
  set +e
  bash -c '"$@" > "$OUT_FILE" 2> "$ERR_FILE"; rc=$?; read -r st < /proc/$$/stat; echo "$st" > "$STAT_FILE"; exit $rc' _ \
    ${CLIENT_PIN[@]+"${CLIENT_PIN[@]}"} timeout --signal=KILL $((limit + 120)) "$JAVA" ${YCSB_JAVA_OPTS:--Xmx1g} -cp "$YCSB_CP" site.ycsb.Client $flag -db "$db" \
      -P "$PERF/workloads/workload$workload" -threads "$THREADS" \
      -p recordcount="$RECORDS" -p operationcount=2000000000 -p maxexecutiontime="$limit" \
      -p core_workload_insertion_retry_limit=10 -p core_workload_insertion_retry_interval=1 \
      -p measurementtype=hdrhistogram -p hdrhistogram.percentiles=50,99,99.9 -s -p status.interval=10 "$@" ${EXTRA_PROPS[@]+"${EXTRA_PROPS[@]}"}
  local rc=$?
  set -e
  t1=$(date +%s.%N); s1=$(servers_ticks); m1=$(machine_ticks)
  local stat cticks busy total
  stat=$(cat "$STAT_FILE"); stat="${stat##*) }"
  # shellcheck disable=SC2086
  set -- $stat
  cticks=$(( ${14} + ${15} ))
  busy=$(( ${m1% *} - ${m0% *} )); total=$(( ${m1#* } - ${m0#* } ))
  {
    echo "wall_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
    echo "server_cpu_s=$(ticks_to_s $((s1 - s0)))"
    echo "client_cpu_s=$(ticks_to_s "$cticks")"
    echo "other_cpu_s=$(ticks_to_s $((busy - (s1 - s0) - cticks)))"
    echo "capacity_cpu_s=$(ticks_to_s "$total")"
    echo "loadavg_before=$load1"
    echo "exit=$rc"
  } > "$OUT/$name.cpu"
  [[ $rc -eq 0 ]] || log "YCSB $phase for $name exited with $rc (see $OUT/$name.err)"
  return 0
}

# --- systems ----------------------------------------------------------------------------------------

wait_port() { # host port seconds pid
  local deadline=$((SECONDS + $3))
  until (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; do
    kill -0 "$4" 2>/dev/null || return 1
    (( SECONDS < deadline )) || return 1
    sleep 0.5
  done
}

start_cairn() { # nodes
  local count=$1 n=$(( $1 < 3 ? $1 : 3 )) q dir i j
  q=$(( n / 2 + 1 ))
  local secret
  secret=$(head -c 32 /dev/urandom | base64) # shared by the nodes of this cluster
  for ((i = 1; i <= count; i++)); do
    dir="$OUT/cairn$count/n$i"; mkdir -p "$dir"
    {
      echo "node: {id: n$i, data-dir: $dir/data}"
      echo "http: {host: 127.0.0.1, port: $((CAIRN_HTTP_BASE + i))}"
      echo "internode: {host: 127.0.0.1, port: $((CAIRN_HTTP_BASE + 100 + i))}"
      echo "binary: {host: 127.0.0.1, port: $((CAIRN_HTTP_BASE + 200 + i))}"
      echo "cluster:"
      echo "  partitions: 64"
      echo "  secret: \"$secret\""
      echo "  members:"
      for ((j = 1; j <= count; j++)); do
        echo "    - {id: n$j, host: 127.0.0.1, internode-port: $((CAIRN_HTTP_BASE + 100 + j)), http-port: $((CAIRN_HTTP_BASE + j))}"
      done
      echo "defaults: {n: $n, r: $q, w: $q}"
      echo "storage: {initial-entries-per-partition: $(( RECORDS * 2 / 64 + 1024 ))}"
    } > "$dir/cairn.yaml"
    # the node reads every CAIRN_* variable as a setting and rejects unknown ones: pass ours as JAVA_OPTS only
    ${SERVER_PIN[@]+"${SERVER_PIN[@]}"} env -u CAIRN_JAVA_OPTS JAVA_OPTS="${CAIRN_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}" "$ROOT/bin/cairn" node --config "$dir/cairn.yaml" > "$dir/node.log" 2>&1 &
    SERVER_PIDS+=($!)
  done
  local hosts=()
  for ((i = 1; i <= count; i++)); do
    local deadline=$((SECONDS + 90))
    until curl -fsS "http://127.0.0.1:$((CAIRN_HTTP_BASE + i))/ready" >/dev/null 2>&1; do
      kill -0 "${SERVER_PIDS[$((i - 1))]}" 2>/dev/null || die "cairn n$i exited (see $OUT/cairn$count/n$i/node.log)"
      (( SECONDS < deadline )) || die "cairn n$i not ready within 90 s"
      sleep 0.5
    done
    if [[ $CAIRN_PROTOCOL == http ]]; then
      hosts+=("127.0.0.1:$((CAIRN_HTTP_BASE + i))")
    else
      hosts+=("127.0.0.1:$((CAIRN_HTTP_BASE + 200 + i))")
    fi
  done
  DB=io.cairn.verification.perf.CairnYcsbClient
  DB_PROPS=(-p "cairn.protocol=$CAIRN_PROTOCOL" -p "cairn.hosts=$(IFS=,; echo "${hosts[*]}")")
}

start_redis() { # aof|none
  local dir="$OUT/redis-$1"; mkdir -p "$dir"
  local persistence=(--appendonly no)
  [[ $1 == aof ]] && persistence=(--appendonly yes --appendfsync everysec)
  ${SERVER_PIN[@]+"${SERVER_PIN[@]}"} redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' "${persistence[@]}" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
  local deadline=$((SECONDS + 20))
  until [[ -s "$dir/redis.pid" ]] && (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null; do
    (( SECONDS < deadline )) || die "redis did not start (see $dir/redis.log)"
    sleep 0.2
  done
  SERVER_PIDS+=("$(cat "$dir/redis.pid")")
  DB=io.cairn.verification.perf.RedisYcsbClient
  DB_PROPS=(-p redis.host=127.0.0.1 -p "redis.port=$REDIS_PORT")
}

start_cassandra() { # nodes
  local count=$1 i tokens=(-9223372036854775808 -3074457345618258603 3074457345618258602)
  local opts; opts=$(grep -v '^\s*#' "$PERF/cassandra/cassandra-jvm17.options" | grep -v '^\s*$' | tr '\n' ' ')
  local hosts=()
  for ((i = 1; i <= count; i++)); do
    local dir="$OUT/cassandra$count/node$i" addr="127.0.0.$i"
    mkdir -p "$dir/conf" "$dir/logs"
    sed -e "s|@ADDR@|$addr|g" -e "s|@DIR@|$dir|g" -e "s|@NUM_TOKENS@|1|" \
        -e "s|@INITIAL_TOKEN_LINE@|initial_token: ${tokens[$((i - 1))]}|" \
        "$PERF/cassandra/cassandra.yaml.template" > "$dir/conf/cassandra.yaml"
    cp "$PERF/cassandra/logback.xml" "$dir/conf/logback.xml"
    # shellcheck disable=SC2086
    (cd "$dir" && exec ${SERVER_PIN[@]+"${SERVER_PIN[@]}"} "$JAVA" $opts -Xms1g -Xmx1g -Xmn256m -XX:+AlwaysPreTouch -cp "$dir/conf:$CASSANDRA_HOME/lib/*" \
      -Dcassandra.config="file://$dir/conf/cassandra.yaml" -Dcassandra.storagedir="$dir" \
      -Dcassandra.logdir="$dir/logs" -Dlogback.configurationFile="$dir/conf/logback.xml" \
      -Dcassandra-foreground=yes -Dcassandra.skip_wait_for_gossip_to_settle=0 \
      -Dcassandra.jmx.local.port=$((17199 + i)) org.apache.cassandra.service.CassandraDaemon) > "$dir/logs/stdout.log" 2>&1 &
    SERVER_PIDS+=($!)
    # the seed (node 1) first; each node joins before the next starts
    wait_port "$addr" 9042 180 "$!" || die "cassandra node $i did not open 9042 within 180 s (see $dir/logs)"
    hosts+=("$addr")
  done
  DB=io.cairn.verification.perf.CassandraYcsbClient
  DB_PROPS=(-p "cassandra.hosts=$(IFS=,; echo "${hosts[*]}")" -p "cassandra.rf=$count"
            -p cassandra.readconsistency=QUORUM -p cassandra.writeconsistency=QUORUM)
}

stop_servers() {
  local p
  for p in "${SERVER_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${SERVER_PIDS[@]}"; do
    local deadline=$((SECONDS + 30))
    while kill -0 "$p" 2>/dev/null; do
      (( SECONDS < deadline )) || { kill -KILL "$p" 2>/dev/null || true; break; }
      sleep 0.2
    done
  done
  SERVER_PIDS=()
}

# A stopped system's stored data, not its logs or config: what it wrote is never read again.
drop_data() { # system
  [[ $KEEP_DATA == yes ]] && return 0
  case "$1" in
    cairn*) rm -rf "$OUT/$1"/n*/data ;;
    redis) rm -rf "$OUT/redis-none/dump.rdb" ;;
    redis-aof) rm -rf "$OUT/redis-aof/appendonlydir" "$OUT/redis-aof/dump.rdb" ;;
    cassandra*) rm -rf "$OUT/$1"/node*/{data,commitlog,hints,saved_caches,cdc_raw} ;;
  esac
}

trap stop_servers EXIT
trap 'exit 130' INT TERM

start_system() {
  case "$1" in
    cairn1) start_cairn 1 ;;
    cairn3) start_cairn 3 ;;
    redis) start_redis none ;;
    redis-aof) start_redis aof ;;
    cassandra1) start_cassandra 1 ;;
    cassandra3) start_cassandra 3 ;;
  esac
}

# --- the comparison -----------------------------------------------------------------------------

{
  echo "date:        $(date -u +'%Y-%m-%d %H:%M UTC')"
  echo "cpu:         $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "memory:      $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
  echo "kernel:      $(uname -r)"
  echo "java:        $("$JAVA" -version 2>&1 | head -1)"
  command -v redis-server >/dev/null && echo "redis:       $(redis-server --version | cut -d' ' -f3)"
  echo "cassandra:   $CASSANDRA_VERSION (Maven Central jars, -Xmx1g)"
  echo "cairn:       $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') (-Xmx1g per node, mmap durability)"
  echo "options:     --duration $DURATION --warmup $WARMUP --threads $THREADS --repeats $REPEATS --records $RECORDS --systems $SYSTEMS --workloads $WORKLOADS --half-peak ${HALF_PEAK:-none}${SERVER_CPUS:+ --server-cpus $SERVER_CPUS --client-cpus $CLIENT_CPUS} ${EXTRA_PROPS[*]:-}"
  echo "loadavg:     $(cut -d' ' -f1-3 /proc/loadavg) (before the first run; other work shares this machine)"
  # a kernel memory-monitoring thread (DAMON) that some virtual machines run; it takes a vCPU for
  # ~20 ms every sampling interval and shows in every system's tail (docs/performance.md)
  for k in /sys/kernel/mm/damon/admin/kdamonds/*/; do
    [[ -f $k/state && $(cat "$k/state") == on ]] || continue
    sample_us=$(cat "$k"contexts/0/monitoring_attrs/intervals/sample_us 2>/dev/null || echo '?')
    action=$(cat "$k"contexts/0/schemes/0/action 2>/dev/null || echo none)
    echo "damon:       kdamond on (sampling every $((sample_us / 1000)) ms, scheme: $action)"
  done
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >&2
printf '# system\tworkload\trepeat\tycsb output\tcpu\ttarget ops/s (rate-limited runs)\n' > "$OUT/runs.tsv"

for ((r = 1; r <= REPEATS; r++)); do
  for sys in "${SYSTEM_LIST[@]}"; do
    log "round $r: starting $sys"
    start_system "$sys"
    log "round $r: $sys up (pids ${SERVER_PIDS[*]}); loading $RECORDS records"
    OUT_FILE="$OUT/$sys-load-r$r.ycsb.txt" ERR_FILE="$OUT/$sys-load-r$r.err" STAT_FILE="$OUT/$sys-load-r$r.stat" \
      run_ycsb "$sys-load-r$r" load a "$DB" "${DB_PROPS[@]}"
    for w in "${WORKLOAD_LIST[@]}"; do
      log "round $r: $sys workload ${w^^} for ${DURATION}s"
      name="$sys-$w-r$r"
      if (( WARMUP > 0 )); then
        log "round $r: $sys workload ${w^^} warm-up for ${WARMUP}s (not measured)"
        LIMIT_S=$WARMUP OUT_FILE="$OUT/$name-warmup.ycsb.txt" ERR_FILE="$OUT/$name-warmup.err" \
          STAT_FILE="$OUT/$name-warmup.stat" run_ycsb "$name-warmup" run "$w" "$DB" "${DB_PROPS[@]}"
      fi
      OUT_FILE="$OUT/$name.ycsb.txt" ERR_FILE="$OUT/$name.err" STAT_FILE="$OUT/$name.stat" \
        run_ycsb "$name" run "$w" "$DB" "${DB_PROPS[@]}"
      grep -h '^\[CAIRN\]' "$OUT/$name.err" >> "$OUT/$name.ycsb.txt" 2>/dev/null || true
      grep -h 'Throughput' "$OUT/$name.ycsb.txt" | sed "s/^/compare:   $name /" >&2 || true
      printf '%s\t%s\t%s\t%s\t%s\n' "$sys" "$w" "$r" "$name.ycsb.txt" "$name.cpu" >> "$OUT/runs.tsv"
      if [[ ",$HALF_PEAK," == *",$w,"* ]]; then
        peak=$(sed -n 's/^\[OVERALL\], Throughput(ops\/sec), \([0-9.]*\).*/\1/p' "$OUT/$name.ycsb.txt" | head -1)
        target=$(awk -v p="${peak:-0}" 'BEGIN { printf "%d", p / 2 }')
        if (( target >= 1 )); then
          log "round $r: $sys workload ${w^^} at half of peak: -target $target ops/s for ${DURATION}s"
          OUT_FILE="$OUT/$name-half.ycsb.txt" ERR_FILE="$OUT/$name-half.err" STAT_FILE="$OUT/$name-half.stat" \
            run_ycsb "$name-half" run "$w" "$DB" "${DB_PROPS[@]}" -target "$target" -p measurement.interval=both \
              -p hdrhistogram.fileoutput=true -p "hdrhistogram.output.path=$OUT/$name-half-" -p status.interval=1
          grep -h 'Throughput' "$OUT/$name-half.ycsb.txt" | sed "s/^/compare:   $name-half /" >&2 || true
          printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$sys" "$w" "$r" "$name-half.ycsb.txt" "$name-half.cpu" "$target" >> "$OUT/runs.tsv"
        else
          log "round $r: $sys workload ${w^^} reached no throughput; no half-peak run"
        fi
      fi
    done
    stop_servers
    drop_data "$sys"
  done
done

if [[ $UPDATE_DOC == yes ]]; then
  "$JAVA" -Djava.awt.headless=true -cp "$YCSB_CP" io.cairn.verification.perf.Report \
    "$OUT" "$ROOT/docs/performance.md" "$ROOT/docs/perf" perf
else
  mkdir -p "$OUT/plots"
  "$JAVA" -Djava.awt.headless=true -cp "$YCSB_CP" io.cairn.verification.perf.Report \
    "$OUT" "$OUT/performance.md" "$OUT/plots" plots
fi
log "done: $OUT"

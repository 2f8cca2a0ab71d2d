#!/usr/bin/env bash
# Gateway benchmark (issue #8 item 10; a script, never a timed test). In one run on loopback, against one backend
# (nginx answering a 72-byte JSON) and one load generator, it measures:
#   (a) nginx as a reverse proxy with upstream keepalive: the native ceiling;
#   (b) a stock Spring Cloud Gateway route behind Spring Security's resource server, PS256 JWTs (bench/stock-gateway);
#   (c) the Sceneway gateway with no policy (a plain route, no token);
#   (d) the Sceneway gateway with every policy on (bank route, PS256 token, scope, rate limit, and what else is merged).
# For each: throughput (wrk, one thread, $CONNECTIONS connections, $DURATION s, after a warm-up in windows of $WARMUP s
# until two in a row agree within 10 % and a JVM's JIT queues are empty, at most $WARMUP_MAX s), server
# CPU per request (utime+stime from /proc/<pid>/stat over the wrk run divided by the requests wrk counted; nginx: master
# and workers), and p50/p99 at a fixed rate (hey, $RATE_WORKERS workers x $RATE/$RATE_WORKERS req/s). Prints one table and
# the ratios the issue targets. Everything it starts (nginx x2, Redis, the JVMs, a scratch PostgreSQL database) is
# stopped or dropped on exit, Ctrl-C included. Logs, recordings and the table stay in bench/out/gateway-<time>/.
#
#   bash bench/gateway.sh [--profile] [--no-build]
#     --profile   after (d)'s measurements, record ${PROFILE_SECONDS}s of load with JFR and print the hot frames
#                 (same as PROFILE=d; PROFILE="b d" profiles (b) too)
#     --no-build  use the jars as they are (default: rebuild a jar when its sources are newer)
#   Environment: ROWS="a b c d" WARMUP=5 WARMUP_MIN_JVM=60 WARMUP_MAX=90 DURATION=10 CONNECTIONS=50 RATE=1000 RATE_WORKERS=25
#     RATE_DURATION=10 JAVA_OPTS="-Xms512m -Xmx512m" NGINX_WORKERS=auto REDIS_PORT=6394 PROFILE_SECONDS=20
#     GATEWAY_JAR=path/to/gateway.jar (another build of the gateway, e.g. to compare two branches; never rebuilt)
#     SCENEWAY_POSTGRES_HOST/_PORT/_USER/_PASSWORD (default 127.0.0.1:5432 postgres, no password)
# Needs: a JDK >= 21, curl, jq, and wrk, hey, nginx, redis-server (installed with apt-get when missing and root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
. scripts/use-jdk.sh

ROWS=${ROWS:-"a b c d"}
WARMUP=${WARMUP:-5}
WARMUP_MAX=${WARMUP_MAX:-90}
# A JVM row warms up at least this long: C2 compiles the gateway's deep reactive chains for a minute or more on this
# box, with plateaus on the way where two windows agree (a run stopped at 30 s measured row (d) at half its speed).
WARMUP_MIN_JVM=${WARMUP_MIN_JVM:-60}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-50}
RATE=${RATE:-1000}
RATE_WORKERS=${RATE_WORKERS:-25}
RATE_DURATION=${RATE_DURATION:-10}
JAVA_OPTS=${JAVA_OPTS:-"-Xms512m -Xmx512m"}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
PROFILE=${PROFILE:-}
PROFILE_SECONDS=${PROFILE_SECONDS:-20}
BUILD=1
for arg in "$@"; do
  case "$arg" in
    --profile) PROFILE=${PROFILE:-d} ;;
    --no-build) BUILD=0 ;;
    *) echo "unknown argument: $arg (see the head of $0)" >&2; exit 2 ;;
  esac
done

BODY='{"productId":"bench-instalments","name":"A benchmark backend","ok":true}'
PARTNER=bench-partner
BANK=bench
API_PATH=/v1/banks/$BANK/credit/products
CLK_TCK=$(getconf CLK_TCK)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- tools
missing=()
for tool in wrk hey nginx redis-server curl jq; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  packages=()
  for tool in "${missing[@]}"; do
    case "$tool" in nginx) packages+=(nginx-light) ;; *) packages+=("$tool") ;; esac
  done
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: install the Debian packages ${packages[*]}"
  log "installing ${packages[*]} (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}" >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}" >/dev/null; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ---------------------------------------------------------------- processes and cleanup
RUN=$ROOT/bench/out/gateway-$(date +%Y%m%dT%H%M%S)
mkdir -p "$RUN/nginx-tmp"
chmod 755 "$RUN"
PIDS=()          # long-lived processes we started, stopped in reverse order on exit
CURRENT=""       # the load generator running now, if any
DATABASE=""      # the scratch PostgreSQL database, dropped on exit

stop_pid() { # pid: TERM, then KILL after 10 s
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

forget_pid() { # pid: drop from PIDS once stopped
  local pid=$1 kept=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  PIDS=("${kept[@]}")
}

cleanup() {
  local rc=$? i
  trap - EXIT INT TERM
  [ -n "$CURRENT" ] && kill -TERM "$CURRENT" 2>/dev/null || true
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
  if [ -n "$DATABASE" ]; then
    pg_psql -q -c "DROP DATABASE IF EXISTS \"$DATABASE\" WITH (FORCE)" >/dev/null 2>&1 \
      || log "could not drop the scratch database $DATABASE"
  fi
  [ $rc = 0 ] || log "stopped (exit $rc); logs in ${RUN#"$ROOT"/}"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

run_waiting() { # command...: runs it in the background and waits, so that Ctrl-C and TERM are handled at once
  "$@" &
  CURRENT=$!
  local rc=0
  wait "$CURRENT" || rc=$?
  CURRENT=""
  return $rc
}

port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
pick_port() { # from: the first free TCP port >= from
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}
BACKEND_PORT=$(pick_port 18400)
PROXY_PORT=$(pick_port $((BACKEND_PORT + 1)))
STOCK_PORT=$(pick_port $((PROXY_PORT + 1)))
GATEWAY_PORT=$(pick_port $((STOCK_PORT + 1)))
GATEWAY_MGMT_PORT=$(pick_port $((GATEWAY_PORT + 1)))
REDIS_PORT=$(pick_port "${REDIS_PORT:-6394}")

BACKEND_URI=http://127.0.0.1:$BACKEND_PORT
JWKS_URI=$BACKEND_URI/jwks.json
ISSUER=http://127.0.0.1:$BACKEND_PORT/bench-issuer

# ---------------------------------------------------------------- builds
stale() { # jar sources...: true when the jar is missing or a source is newer
  local jar=$1; shift
  [ -f "$jar" ] || return 0
  [ -n "$(find "$@" -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}
mvn_package() { # maven args...: offline first (fast, the usual case), then online
  ./mvnw -B -q -o "$@" package -DskipTests -Dexec.skip=true >"$RUN/build.log" 2>&1 \
    || ./mvnw -B -q "$@" package -DskipTests -Dexec.skip=true >>"$RUN/build.log" 2>&1 \
    || { tail -n 40 "$RUN/build.log" >&2; die "build failed: ./mvnw $* package"; }
}
STOCK_JAR=bench/stock-gateway/target/stock-gateway.jar
if [ $BUILD = 1 ]; then
  if [ -z "${GATEWAY_JAR:-}" ] && [[ " $ROWS " == *" c "* || " $ROWS " == *" d "* ]] && stale gateway/target/gateway.jar gateway/src gateway/pom.xml openapi/specs openapi/pom.xml pom.xml; then
    log "building the gateway"
    mvn_package -pl gateway -am
  fi
  if [[ " $ROWS " == *" b "* ]] && stale "$STOCK_JAR" bench/stock-gateway/src bench/stock-gateway/pom.xml; then
    log "building the stock gateway (bench/stock-gateway)"
    mvn_package -f bench/stock-gateway/pom.xml
  fi
fi
GATEWAY_JAR=${GATEWAY_JAR:-gateway/target/gateway.jar}

# ---------------------------------------------------------------- keys, tokens, backend
log "run directory ${RUN#"$ROOT"/}; ports: backend $BACKEND_PORT, proxy $PROXY_PORT, stock $STOCK_PORT, gateway $GATEWAY_PORT (management $GATEWAY_MGMT_PORT), redis $REDIS_PORT"
"$JAVA_HOME/bin/java" bench/tools/BenchTokens.java "$RUN" "$ISSUER" "$PARTNER" products admin
chmod 644 "$RUN/jwks.json"
PARTNER_TOKEN=$(cat "$RUN/token-products")
ADMIN_TOKEN=$(cat "$RUN/token-admin")

nginx_common() { # name
  cat <<EOF
daemon off;
pid $RUN/$1.pid;
error_log $RUN/$1-error.log warn;
events { worker_connections 4096; }
EOF
}
http_common() {
  cat <<EOF
  access_log off;
  client_body_temp_path $RUN/nginx-tmp/body;
  proxy_temp_path $RUN/nginx-tmp/proxy;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
EOF
}

{ nginx_common backend; cat <<EOF
worker_processes 1;
http {
$(http_common)
  server {
    listen 127.0.0.1:$BACKEND_PORT backlog=4096;
    location = /jwks.json { default_type application/json; alias $RUN/jwks.json; }
    location / { default_type application/json; return 200 '$BODY'; }
  }
}
EOF
} >"$RUN/backend.conf"

{ nginx_common proxy; cat <<EOF
worker_processes $NGINX_WORKERS;
http {
$(http_common)
  upstream backend {
    server 127.0.0.1:$BACKEND_PORT;
    keepalive 64;
    keepalive_requests 10000000;
  }
  server {
    listen 127.0.0.1:$PROXY_PORT backlog=4096;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
EOF
} >"$RUN/proxy.conf"

wait_http() { # pid url seconds [curl args...]: until the url answers 200; fails when pid dies or time runs out
  local pid=$1 url=$2 seconds=$3; shift 3
  local deadline=$((SECONDS + seconds))
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" "$url" || true)" = 200 ] && return 0
    sleep 0.3
  done
  return 1
}

STARTED=""  # the pid of the process start_nginx or start_java started last (not $(...): PIDS must see it)
start_nginx() { # name: the master's pid in STARTED
  "$NGINX" -p "$RUN" -c "$RUN/$1.conf" -e "$RUN/$1-error.log" >"$RUN/$1.out" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
}

start_nginx backend
BACKEND_PID=$STARTED
wait_http "$BACKEND_PID" "$BACKEND_URI/jwks.json" 10 || die "the backend nginx did not start: $(cat "$RUN/backend-error.log")"
[ "$(curl -s "$BACKEND_URI$API_PATH")" = "$BODY" ] || die "the backend does not answer the benchmark body"

# ---------------------------------------------------------------- measuring
declare -A RPS CPU CPU_AT_RATE P50 P99 NOTE WARMED
cpu_ticks() { # pids...: utime+stime summed (fields 14 and 15 of /proc/<pid>/stat, counted after the ") ")
  local total=0 pid t
  for pid in "$@"; do
    t=$(sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')
    total=$((total + t))
  done
  echo "$total"
}
nginx_pids() { echo "$1" $(pgrep -P "$1" || true); }

jit_queue() { # pid: methods waiting in the JVM's C1 and C2 compile queues (0 without a pid)
  [ -n "$1" ] || { echo 0; return; }
  "$JAVA_HOME/bin/jcmd" "$1" Compiler.queue 2>/dev/null \
    | awk '/compile queue:/ { q = 1; next } q && NF && !/Empty/ { n++ } END { print n + 0 }'
}

measure() { # row url pids-command jvm-pid-or-empty [curl/wrk header args...]
  local row=$1 url=$2 pids_cmd=$3 jvm=$4; shift 4
  local headers=("$@") body code
  body=$(curl -s --max-time 5 "${headers[@]}" -w '\n%{http_code}' "$url" || true)
  code=${body##*$'\n'}; body=${body%$'\n'*}
  if [ "$code" != 200 ] || [ "$body" != "$BODY" ]; then
    log "($row) $url answered $code, not the backend's body: ${body:0:300}"
    NOTE[$row]="failed: answered $code"
    return 1
  fi
  # Warm-up in windows of WARMUP s until two windows agree within 10 % and, for a JVM, its JIT compile queues are
  # (nearly) empty, at most WARMUP_MAX s: a JVM measured while C2 still compiles looks several times slower than it is.
  local previous=0 current waited=0 queued
  while :; do
    run_waiting wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "${headers[@]}" "$url" >>"$RUN/$row-warmup.txt"
    current=$(awk '/^Requests\/sec:/ { v = $2 } END { printf "%.0f", v }' "$RUN/$row-warmup.txt")
    waited=$((waited + WARMUP))
    queued=$(jit_queue "$jvm")
    log "($row) warm-up: ${current} req/s after ${waited}s${jvm:+, $queued methods queued for the JIT}"
    if { awk -v a="$previous" -v b="$current" 'BEGIN { exit !(a > 0 && b <= a * 1.1 && b >= a * 0.9) }' \
         && [ "$queued" -le 3 ] && { [ -z "$jvm" ] || [ "$waited" -ge "$WARMUP_MIN_JVM" ]; }; } \
         || [ $((waited + WARMUP)) -gt "$WARMUP_MAX" ]; then
      break
    fi
    previous=$current
  done
  [ "$queued" -le 3 ] || NOTE[$row]+="JIT not settled ($queued methods queued)! "
  WARMED[$row]=$waited
  local pids before after
  pids=$($pids_cmd)
  before=$(cpu_ticks $pids)
  log "($row) throughput: wrk -t1 -c$CONNECTIONS -d${DURATION}s"
  run_waiting wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${headers[@]}" "$url" >"$RUN/$row-wrk.txt"
  after=$(cpu_ticks $pids)
  local requests non2xx errors
  requests=$(awk '/requests in/ { print $1 }' "$RUN/$row-wrk.txt")
  RPS[$row]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$RUN/$row-wrk.txt")
  CPU[$row]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }')
  non2xx=$(awk '/Non-2xx/ { print $NF }' "$RUN/$row-wrk.txt")
  errors=$(awk '/Socket errors/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i } END { print n + 0 }' "$RUN/$row-wrk.txt")
  [ -n "$non2xx" ] && NOTE[$row]+="${non2xx} non-2xx under wrk! "
  [ -n "$errors" ] && [ "$errors" != 0 ] && NOTE[$row]+="${errors} socket errors under wrk! "

  local per_worker=$(((RATE + RATE_WORKERS - 1) / RATE_WORKERS))
  log "($row) latency at a fixed rate: hey -z ${RATE_DURATION}s -c $RATE_WORKERS -q $per_worker"
  before=$(cpu_ticks $pids)
  run_waiting hey -z "${RATE_DURATION}s" -c "$RATE_WORKERS" -q "$per_worker" "${headers[@]}" "$url" >"$RUN/$row-hey.txt"
  after=$(cpu_ticks $pids)
  requests=$(awk '/^[ \t]*\[[0-9]+\]/ { n += $2 } END { print n + 0 }' "$RUN/$row-hey.txt")
  CPU_AT_RATE[$row]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" \
    'BEGIN { if (n > 0) printf "%.0f", t * 1e6 / hz / n; else print "-" }')
  P50[$row]=$(awk '/ 50% in / { printf "%.2f", $3 * 1000 }' "$RUN/$row-hey.txt")
  P99[$row]=$(awk '/ 99% in / { printf "%.2f", $3 * 1000 }' "$RUN/$row-hey.txt")
  local achieved bad
  achieved=$(awk '/Requests\/sec:/ { printf "%.0f", $2 }' "$RUN/$row-hey.txt")
  bad=$(awk '/^[ \t]*\[[0-9]+\]/ && $1 != "[200]" { n += $2 } END { print n + 0 }' "$RUN/$row-hey.txt")
  [ "$bad" != 0 ] && NOTE[$row]+="${bad} non-200 under hey! "
  NOTE[$row]+="warm-up ${WARMED[$row]}s; hey held ${achieved} req/s"
  log "($row) ${RPS[$row]} req/s, ${CPU[$row]} µs CPU/req, p50 ${P50[$row]} ms, p99 ${P99[$row]} ms at ${achieved} req/s"
}

profile() { # row pid url [headers...]: JFR over a wrk load, then the hot frames
  local row=$1 pid=$2 url=$3; shift 3
  local file=$RUN/$row.jfr
  log "($row) profiling: JFR over ${PROFILE_SECONDS}s of wrk load"
  "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=bench settings=profile duration="${PROFILE_SECONDS}s" filename="$file" >/dev/null
  run_waiting wrk -t1 -c"$CONNECTIONS" -d"$((PROFILE_SECONDS + 1))s" "$@" "$url" >"$RUN/$row-profile-wrk.txt"
  local i
  for i in $(seq 1 50); do
    "$JAVA_HOME/bin/jcmd" "$pid" JFR.check name=bench 2>/dev/null | grep -q 'name=bench' || break
    sleep 0.2
  done
  "$JAVA_HOME/bin/java" bench/tools/JfrTop.java "$file" 25 >"$RUN/$row-profile.txt"
  echo
  echo "== ($row) JFR hot frames (${RUN#"$ROOT"/}/$row-profile.txt; jfr summary $file)"
  cat "$RUN/$row-profile.txt"
}

start_java() { # name jar args...: the JVM's pid in STARTED
  local name=$1 jar=$2; shift 2
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$jar" "$@" >"$RUN/$name.log" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
}
stop_row_process() { stop_pid "$1"; forget_pid "$1"; }
wants_profile() { [[ " $PROFILE " == *" $1 "* ]]; }

row_a() {
  local pid
  start_nginx proxy
  pid=$STARTED
  wait_http "$pid" "http://127.0.0.1:$PROXY_PORT$API_PATH" 10 || { NOTE[a]="failed: nginx proxy did not start"; stop_row_process "$pid"; return 1; }
  measure a "http://127.0.0.1:$PROXY_PORT$API_PATH" "nginx_pids $pid" "" || true
  stop_row_process "$pid"
}

row_b() {
  local pid url=http://127.0.0.1:$STOCK_PORT$API_PATH
  start_java stock "$STOCK_JAR" --server.port="$STOCK_PORT" --bench.backend-uri="$BACKEND_URI" \
    --spring.security.oauth2.resourceserver.jwt.jwk-set-uri="$JWKS_URI" \
    --spring.security.oauth2.resourceserver.jwt.issuer-uri="$ISSUER"
  pid=$STARTED
  log "(b) starting the stock gateway (pid $pid)"
  if ! wait_http "$pid" "$url" 90 -H "Authorization: Bearer $PARTNER_TOKEN"; then
    NOTE[b]="failed: did not answer 200 (see stock.log)"; tail -n 30 "$RUN/stock.log" >&2
    stop_row_process "$pid"; return 1
  fi
  measure b "$url" "echo $pid" "$pid" -H "Authorization: Bearer $PARTNER_TOKEN" || true
  wants_profile b && profile b "$pid" "$url" -H "Authorization: Bearer $PARTNER_TOKEN"
  stop_row_process "$pid"
}

# PostgreSQL: a scratch database for the gateway's tables (tenancy, metering...), when a server answers.
PG_HOST=${SCENEWAY_POSTGRES_HOST:-127.0.0.1}
PG_PORT=${SCENEWAY_POSTGRES_PORT:-5432}
PG_USER=${SCENEWAY_POSTGRES_USER:-postgres}
PG_PASSWORD=${SCENEWAY_POSTGRES_PASSWORD:-}
pg_psql() { PGPASSWORD=$PG_PASSWORD psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 "$@"; }
REDIS_PID=""
infrastructure() { # Redis of our own, and the scratch database
  [ -n "$REDIS_PID" ] && return 0
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize no \
    --loglevel warning >"$RUN/redis.log" 2>&1 &
  REDIS_PID=$!
  PIDS+=("$REDIS_PID")
  local i
  for i in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || die "Redis did not start on $REDIS_PORT: $(cat "$RUN/redis.log")"
  if command -v psql >/dev/null 2>&1 && pg_psql -q -c 'SELECT 1' >/dev/null 2>&1; then
    DATABASE=sceneway_bench_$(date +%s)_$$
    pg_psql -q -c "CREATE DATABASE \"$DATABASE\"" >/dev/null
    log "scratch database $DATABASE on $PG_HOST:$PG_PORT"
  else
    log "no PostgreSQL at $PG_HOST:$PG_PORT (SCENEWAY_POSTGRES_*): the gateway runs without spring.datasource"
  fi
}

GATEWAY_SWITCHES=""
start_gateway() { # variant: the JVM's pid in STARTED
  local variant=$1 args
  args=(--spring.config.additional-location="file:$ROOT/bench/config/gateway-common.yml,file:$ROOT/bench/config/gateway-$variant.yml"
    --server.port="$GATEWAY_PORT" --management.server.port="$GATEWAY_MGMT_PORT"
    --bench.backend-uri="$BACKEND_URI"
    --sceneway.gateway.issuer="$ISSUER" --sceneway.gateway.jwk-set-uri="$JWKS_URI"
    --sceneway.gateway.banks.$BANK.uri="$BACKEND_URI"
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT")
  if [ -n "$DATABASE" ]; then
    args+=(--spring.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DATABASE"
      --spring.datasource.username="$PG_USER" --spring.datasource.password="$PG_PASSWORD")
  fi
  start_java "gateway-$variant" "$GATEWAY_JAR" "${args[@]}"
}
gateway_ready() { # pid variant: management health, then the optional seeding hook, then the switches it runs with
  local pid=$1 variant=$2
  wait_http "$pid" "http://127.0.0.1:$GATEWAY_MGMT_PORT/actuator/health" 90 || return 1
  if [ -f bench/config/after-start.sh ]; then
    log "sourcing bench/config/after-start.sh $variant"
    GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT MANAGEMENT_URL=http://127.0.0.1:$GATEWAY_MGMT_PORT \
      BENCH_VARIANT=$variant BENCH_PARTNER=$PARTNER BENCH_BANK=$BANK BACKEND_URI=$BACKEND_URI \
      ADMIN_TOKEN=$ADMIN_TOKEN PARTNER_TOKEN=$PARTNER_TOKEN DATABASE=$DATABASE \
      PG_HOST=$PG_HOST PG_PORT=$PG_PORT PG_USER=$PG_USER PG_PASSWORD=$PG_PASSWORD \
      bash bench/config/after-start.sh "$variant" >>"$RUN/gateway-$variant.log" 2>&1 \
      || { log "after-start.sh failed (see gateway-$variant.log)"; return 1; }
  fi
  local switches
  switches=$(curl -s "http://127.0.0.1:$GATEWAY_MGMT_PORT/actuator/configprops" | jq -r '
      .contexts[].beans[] | select(.prefix | startswith("sceneway")) | .prefix as $p | .properties
      | . as $o | paths(type == "boolean") as $path
      | "\($p).\($path | map(tostring) | join("."))=\($o | getpath($path))"' 2>/dev/null | sort -u | paste -sd' ' || true)
  GATEWAY_SWITCHES+="  ($3) ${switches:-no sceneway.gateway.* on/off switch found}"$'\n'
}

row_gateway() { # row variant url [headers...]
  local row=$1 variant=$2 url=$3; shift 3
  infrastructure
  local pid
  start_gateway "$variant"
  pid=$STARTED
  log "($row) starting the Sceneway gateway, $variant (pid $pid)"
  if ! gateway_ready "$pid" "$variant" "$row"; then
    NOTE[$row]="failed: gateway not ready (see gateway-$variant.log)"; tail -n 30 "$RUN/gateway-$variant.log" >&2
    stop_row_process "$pid"; return 1
  fi
  # The first calls open the Redis connection and load the limiter's script (and whatever else is lazy): give them
  # time to succeed once before measuring.
  wait_http "$pid" "$url" 30 "$@" || true
  measure "$row" "$url" "echo $pid" "$pid" "$@" || true
  wants_profile "$row" && profile "$row" "$pid" "$url" "$@"
  stop_row_process "$pid"
}
row_c() { row_gateway c no-policies "http://127.0.0.1:$GATEWAY_PORT/bare$API_PATH"; }
row_d() { row_gateway d all-policies "http://127.0.0.1:$GATEWAY_PORT$API_PATH" -H "Authorization: Bearer $PARTNER_TOKEN"; }

for row in $ROWS; do
  "row_$row" || log "($row) failed: ${NOTE[$row]:-}"
done

# ---------------------------------------------------------------- the table
declare -A WHAT=(
  [a]="nginx reverse proxy, upstream keepalive"
  [b]="stock Spring Cloud Gateway + JWT (PS256)"
  [c]="Sceneway gateway, no policies"
  [d]="Sceneway gateway, every policy on")
ratio() { # numerator denominator
  awk -v n="${1:-}" -v d="${2:-}" 'BEGIN { if (n == "" || d == "" || d == 0) print "n/a"; else printf "%.2f", n / d }'
}
verdict() { # value op target
  awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN {
    if (v == "n/a" || v == "") { print "n/a"; exit }
    ok = (op == ">=") ? (v >= t) : (v <= t); print ok ? "met" : "MISSED" }'
}
{
  echo
  echo "Gateway benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "backend: nginx returning ${#BODY} bytes of JSON; throughput: wrk -t1 -c$CONNECTIONS -d${DURATION}s after a warm-up (${WARMUP}s windows until steady, <= ${WARMUP_MAX}s);"
  echo "latency: hey -c $RATE_WORKERS -q $(((RATE + RATE_WORKERS - 1) / RATE_WORKERS)) -z ${RATE_DURATION}s (target $RATE req/s);"
  echo "CPU: server process(es) utime+stime / requests, under wrk (CPU µs/req) and at the fixed rate (@$RATE)"
  echo
  printf '%-4s %-42s %8s %11s %8s %8s %15s  %s\n' row what req/s "CPU µs/req" "p50 ms" "p99 ms" \
    "CPU µs/req @$RATE" notes
  for row in a b c d; do
    printf '%-4s %-42s %8s %10s %8s %8s %15s  %s\n' "($row)" "${WHAT[$row]}" "${RPS[$row]:--}" "${CPU[$row]:--}" \
      "${P50[$row]:--}" "${P99[$row]:--}" "${CPU_AT_RATE[$row]:--}" "${NOTE[$row]:-not run}"
  done
  echo
  db=$(ratio "${RPS[d]:-}" "${RPS[b]:-}")
  da=$(ratio "${RPS[d]:-}" "${RPS[a]:-}")
  dc=$(ratio "${RPS[d]:-}" "${RPS[c]:-}")
  added=$(awk -v d="${P99[d]:-}" -v a="${P99[a]:-}" 'BEGIN { if (d == "" || a == "") print "n/a"; else printf "%.2f", d - a }')
  printf '(d)/(b) throughput  %6s   target >= 1.5   %s\n' "$db" "$(verdict "$db" '>=' 1.5)"
  printf '(d)/(a) throughput  %6s   target >= 0.20  %s\n' "$da" "$(verdict "$da" '>=' 0.20)"
  printf '(d)/(c) throughput  %6s   target >= 0.75  %s\n' "$dc" "$(verdict "$dc" '>=' 0.75)"
  printf '(d)-(a) p99 at %s req/s  %s ms   target <= 5 ms  %s\n' "$RATE" "$added" "$(verdict "$added" '<=' 5)"
  # The same targets read from CPU per request (the capacity each server would have with the cores to itself): far
  # less sensitive than req/s to whatever else the box runs at the time.
  echo
  cb=$(ratio "${CPU[b]:-}" "${CPU[d]:-}")
  ca=$(ratio "${CPU[a]:-}" "${CPU[d]:-}")
  cc=$(ratio "${CPU[c]:-}" "${CPU[d]:-}")
  printf '(b)/(d) CPU per request  %6s   (same target as (d)/(b): >= 1.5)   %s\n' "$cb" "$(verdict "$cb" '>=' 1.5)"
  printf '(a)/(d) CPU per request  %6s   (same target as (d)/(a): >= 0.20)  %s\n' "$ca" "$(verdict "$ca" '>=' 0.20)"
  printf '(c)/(d) CPU per request  %6s   (same target as (d)/(c): >= 0.75)  %s\n' "$cc" "$(verdict "$cc" '>=' 0.75)"
  if [ -n "$GATEWAY_SWITCHES" ]; then
    echo
    echo "Sceneway gateway switches read back from /actuator/configprops:"
    printf '%s' "$GATEWAY_SWITCHES"
  fi
} | tee "$RUN/table.txt"
cp "$RUN/table.txt" bench/out/gateway-latest.txt

#!/usr/bin/env bash
# client_credentials benchmark for auth-server (a script that prints figures, never a timed test).
# Starts the built auth-server jar (production profile: private_key_jwt only) on loopback with the machine's
# PostgreSQL (a database of its own, dropped at the end) and Redis, registers a partner app through the admin API,
# then sends N token requests, each with a fresh PS256 client assertion (unique jti); access tokens are PS256.
# Prints grants/s (wall) and grants per server CPU-second (from /proc/<pid>/stat), beside the raw PS256 signing
# rate measured in the same run (with the JDK's provider, and with the native provider the server signs with when
# it ships one), and the database's tuple writes during the grants (expected: none).
#
#   bash bench/auth-grants.sh [grants] [client threads] [warm-up grants]     (defaults 6000 8 18000)
# Environment: SCENEWAY_POSTGRES_HOST/PORT/USER/PASSWORD (default 127.0.0.1:5432 postgres), SCENEWAY_REDIS_HOST/
# PORT (default 127.0.0.1:6379; started with redis-server when nothing answers there). The server is pinned to
# CPU 0 and the load generator to the other CPUs with taskset when there are two or more.
# Build the jar first if needed: ./mvnw -B -q -pl auth-server -am package -DskipTests -Dexec.skip=true
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/use-jdk.sh

grants=${1:-6000}
threads=${2:-8}
warmup=${3:-18000}
jar=auth-server/target/auth-server.jar
[ -f "$jar" ] || { echo "missing $jar: ./mvnw -B -q -pl auth-server -am package -DskipTests -Dexec.skip=true" >&2; exit 1; }

pg_host=${SCENEWAY_POSTGRES_HOST:-127.0.0.1}; pg_port=${SCENEWAY_POSTGRES_PORT:-5432}
pg_user=${SCENEWAY_POSTGRES_USER:-postgres}; export PGPASSWORD=${SCENEWAY_POSTGRES_PASSWORD:-}
redis_host=${SCENEWAY_REDIS_HOST:-127.0.0.1}; redis_port=${SCENEWAY_REDIS_PORT:-6379}
database="sceneway_bench_auth_$$"
work=$(mktemp -d)
bench=(java bench/auth-grants/AuthGrantsBench.java)
psql_db() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$1" -Atq -v ON_ERROR_STOP=1 -c "$2"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

server_pid=""; redis_started=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$redis_started" ] && redis-cli -h "$redis_host" -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  psql_db postgres "DROP DATABASE IF EXISTS $database" || true
  rm -rf "$work"
}
trap cleanup EXIT

server_cpus=(); client_cpus=()
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  server_cpus=(taskset -c 0); client_cpus=(taskset -c "1-$(( $(nproc) - 1 ))")
fi

if ! redis-cli -h "$redis_host" -p "$redis_port" ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >/dev/null
  redis_started=yes
fi
psql_db postgres "CREATE DATABASE $database"
"${bench[@]}" keys "$work"

port=$(free_port); management_port=$(free_port)
base="http://127.0.0.1:$port"
# shellcheck disable=SC2086 # AUTH_BENCH_JAVA_OPTS: extra JVM options, e.g. a JFR recording
"${server_cpus[@]}" "$JAVA_HOME/bin/java" -Xms256m -Xmx256m ${AUTH_BENCH_JAVA_OPTS:-} -jar "$jar" \
  --server.address=127.0.0.1 --server.port="$port" --management.server.port="$management_port" \
  --management.server.address=127.0.0.1 --logging.level.root=WARN \
  --logging.level.dev.sceneway.auth.key.SigningProvider=INFO \
  --sceneway.auth.issuer="$base" \
  --sceneway.auth.key-encryption-key="$(head -c 32 /dev/urandom | base64)" \
  --spring.datasource.url="jdbc:postgresql://$pg_host:$pg_port/$database" \
  --spring.datasource.username="$pg_user" --spring.datasource.password="$PGPASSWORD" \
  --spring.data.redis.host="$redis_host" --spring.data.redis.port="$redis_port" \
  --sceneway.auth.clients.admin-clients[0].client-id=bench-admin \
  --sceneway.auth.clients.admin-clients[0].name=Bench-admin \
  --sceneway.auth.clients.admin-clients[0].jwks="$(cat "$work/admin.jwks")" \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$base/.well-known/oauth-authorization-server" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$base/.well-known/oauth-authorization-server" >/dev/null || { echo "server did not start" >&2; exit 1; }

"${client_cpus[@]}" "${bench[@]}" setup "$base" "$work"
# The warm-up goes in rounds of at most 6,000 grants: each round signs its assertions and DPoP proofs before it
# sends them, and a larger round's first proofs would be too old (iat window) by the time they are sent. C2 is
# still compiling the token endpoint after 6,000 grants, and that compile time is counted as the server's CPU.
echo "warm-up: $warmup grants"
left=$warmup
while [ "$left" -gt 0 ]; do
  round=$(( left < 6000 ? left : 6000 ))
  "${client_cpus[@]}" "${bench[@]}" grants "$base" "$work" "$round" "$threads" | sed 's/^/  /'
  left=$(( left - round ))
done

writes_query="SELECT xact_commit || ' ' || tup_inserted || ' ' || tup_updated || ' ' || tup_deleted
  FROM pg_stat_database WHERE datname = current_database()"
sleep 2 # PostgreSQL flushes backends' statistics at most once a second
read -r commits0 inserted0 updated0 deleted0 < <(psql_db "$database" "$writes_query")
echo "measured: $grants grants, $threads client threads, server pid $server_pid"
"${client_cpus[@]}" "${bench[@]}" grants "$base" "$work" "$grants" "$threads" "$server_pid" | sed 's/^/  /'
sleep 2
read -r commits1 inserted1 updated1 deleted1 < <(psql_db "$database" "$writes_query")
echo "  database during the measured grants: transactions=$(( commits1 - commits0 - 1 )) (read-only lookups)" \
  "tuples inserted=$(( inserted1 - inserted0 )) updated=$(( updated1 - updated0 )) deleted=$(( deleted1 - deleted0 ))"
echo "  rows in oauth2_authorization: $(psql_db "$database" 'SELECT count(*) FROM oauth2_authorization')"
echo "  jti entries in Redis: $(redis-cli -h "$redis_host" -p "$redis_port" --scan --pattern 'sceneway:auth:assertion-jti:*' | wc -l)"

echo "server: $(grep -o 'PS256 signing with .*' "$work/server.log" | head -1)"
echo "raw PS256 signing, one thread, same run, with the JDK's provider:"
"${server_cpus[@]}" "${bench[@]}" sign-rate 5 | sed 's/^/  /'
if unzip -q -o -j "$jar" 'BOOT-INF/lib/AmazonCorrettoCryptoProvider-*.jar' -d "$work/accp" 2>/dev/null; then
  echo "  and with AWS-LC (Amazon Corretto Crypto Provider, shipped in the jar):"
  "${server_cpus[@]}" java --enable-native-access=ALL-UNNAMED -cp "$(ls "$work"/accp/*.jar)" \
    bench/auth-grants/AuthGrantsBench.java sign-rate 5 native | sed 's/^/  /'
fi
echo "target: >= 600 grants per server CPU-second (one core)"

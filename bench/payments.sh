#!/usr/bin/env bash
# Payments per second through one product-apis (the real jar, PostgreSQL, Redis) and the ledger checked after the run.
#   bash bench/payments.sh [measured-payments] [warm-up-payments] [threads]    (defaults: 20000 20000 16)
# Each payment has its own single-use payment consent token (PS256, shaped like auth-server's), minted before the
# service is measured; debtors BENCH-C0..199 pay 0.01 EUR to merchants BENCH-M0..19. Loopback only. After the run,
# SQL checks the ledger: balanced transactions, balances equal to their entries, no overdraft breached, totals per
# currency unchanged, completed payments = consent uses = payment ledger transactions. Any discrepancy exits 1.
# Also printed: the service's and PostgreSQL's CPU time per measured payment (from /proc), the figures that do not
# depend on how busy the rest of the machine is. The callers use a minimal keep-alive HTTP/1.1 client (PaymentsBench).
# Uses PostgreSQL and Redis at SCENEWAY_POSTGRES_* / SCENEWAY_REDIS_* (default 127.0.0.1:5432 / 6379).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/use-jdk.sh

measured=${1:-20000}
# A long warm-up: the JIT keeps compiling Spring's request path for tens of thousands of requests; measured after
# 5,000 the service still spent ~2.8 ms of CPU per payment, after 20,000 ~1.9 ms (sustained = steady state).
warmup=${2:-20000}
threads=${3:-16}
debtors=200; creditors=20; bank=lakeside; currency=EUR
jar=product-apis/target/product-apis.jar
[ -f "$jar" ] || { echo "missing $jar: ./mvnw -B -q -pl product-apis -am package -DskipTests -Dexec.skip=true" >&2; exit 1; }

pg_host=${SCENEWAY_POSTGRES_HOST:-127.0.0.1}; pg_port=${SCENEWAY_POSTGRES_PORT:-5432}
pg_user=${SCENEWAY_POSTGRES_USER:-postgres}; export PGPASSWORD=${SCENEWAY_POSTGRES_PASSWORD:-}
redis_host=${SCENEWAY_REDIS_HOST:-127.0.0.1}; redis_port=${SCENEWAY_REDIS_PORT:-6379}
database="sceneway_bench_payments_$$"
# The consent-use reports go to a stream of this run's own, deleted at the end: the machine's Redis may serve a
# sandbox or the test suite, whose auth-server reads sceneway:consent-events and must not wade through the bench's.
events_stream="sceneway:bench:consent-events:$$"
work=$(mktemp -d)
bench=(java bench/payments/PaymentsBench.java)
sql() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$database" -Atq -v ON_ERROR_STOP=1 -c "SET search_path TO $bank; $1"; }
# CPU time (user + system, in clock ticks) of one process, and of every PostgreSQL server process on this machine.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
postgres_ticks() { local total=0 pid; for pid in $(pgrep -x postgres || true); do
  total=$(( total + $(cpu_ticks "$pid" 2>/dev/null || echo 0) )); done; echo "$total"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

server_pid=""; jwks_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$jwks_pid" ] && kill "$jwks_pid" 2>/dev/null || true
  psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -q -c "DROP DATABASE IF EXISTS $database" || true
  redis-cli -h "$redis_host" -p "$redis_port" DEL "$events_stream" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

server_cpus=(); client_cpus=()
# The whole machine, shared by the service, PostgreSQL, Redis and the callers, as in production on one box.
# PAYMENTS_BENCH_PIN=1: the service on cpu 0 and the callers on the others (PostgreSQL anywhere).
if [ "${PAYMENTS_BENCH_PIN:-0}" = 1 ] && command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  server_cpus=(taskset -c 0); client_cpus=(taskset -c "1-$(( $(nproc) - 1 ))")
fi

jwks_port=$(free_port); port=$(free_port); management_port=$(free_port)
issuer="http://127.0.0.1:$jwks_port"
echo "minting $(( warmup + measured )) single-use payment consent tokens ..."
"${bench[@]}" prepare "$work" "$issuer" "$bank" "$currency" $(( warmup + measured )) "$debtors" "$creditors"
# The bench's JWKS, served as auth-server would publish it.
(cd "$work" && exec python3 -m http.server "$jwks_port" --bind 127.0.0.1 >/dev/null 2>&1) &
jwks_pid=$!

psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $database"
# The serial collector: what the JVM picks by itself in a container of one CPU, and the cheapest for a 384 MB heap.
"${server_cpus[@]}" "$JAVA_HOME/bin/java" -Xms384m -Xmx384m ${PAYMENTS_BENCH_JAVA_OPTS:--XX:+UseSerialGC} -jar "$jar" \
  --server.address=127.0.0.1 --server.port="$port" --management.server.port="$management_port" \
  --management.server.address=127.0.0.1 --logging.level.root=WARN \
  --sceneway.bank.id="$bank" --sceneway.bank.name="Bench bank" \
  --sceneway.credit.account-prefix=BENCH --sceneway.credit.bureau.url=http://127.0.0.1:9 \
  --sceneway.security.issuer="$issuer" --sceneway.security.jwk-set-uri="$issuer/jwks.json" \
  --spring.datasource.url="jdbc:postgresql://$pg_host:$pg_port/$database" \
  --spring.datasource.username="$pg_user" --spring.datasource.password="$PGPASSWORD" \
  --spring.data.redis.host="$redis_host" --spring.data.redis.port="$redis_port" \
  --sceneway.payments.consent-events="$events_stream" \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$management_port/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done

# Accounts: a bank clearing account funds each debtor with 1,000.00 in one balanced ledger transaction each.
sql "
INSERT INTO account (account_id, owner_type, owner_id, kind, name, currency, overdraft_limit, booked_balance, opened_on)
VALUES ('BENCH-CLEARING', 'bank', '$bank', 'internal', 'Bench clearing', '$currency', NULL, 0, current_date);
INSERT INTO account (account_id, owner_type, owner_id, kind, name, currency, overdraft_limit, booked_balance, opened_on)
SELECT 'BENCH-C' || n, 'customer', 'bench-customer-' || n, 'current', 'Bench current', '$currency', 0, 0, current_date
FROM generate_series(0, $debtors - 1) AS n;
INSERT INTO account (account_id, owner_type, owner_id, kind, name, currency, overdraft_limit, booked_balance, opened_on)
SELECT 'BENCH-M' || n, 'merchant', 'bench-merchant-' || n, 'merchant', 'Bench merchant', '$currency', 0, 0, current_date
FROM generate_series(0, $creditors - 1) AS n;
CREATE TEMP TABLE funding AS SELECT n, gen_random_uuid() AS id FROM generate_series(0, $debtors - 1) AS n;
INSERT INTO ledger_transaction (transaction_id, kind, description, booked_at)
SELECT id, 'opening-balance', 'Bench funding', now() FROM funding;
INSERT INTO ledger_entry (transaction_id, account_id, currency, amount, booked_at)
SELECT id, 'BENCH-C' || n, '$currency', 1000.00, now() FROM funding
UNION ALL SELECT id, 'BENCH-CLEARING', '$currency', -1000.00, now() FROM funding;
UPDATE account SET booked_balance = 1000.00, version = version + 1 WHERE account_id LIKE 'BENCH-C%' AND account_id <> 'BENCH-CLEARING';
UPDATE account SET booked_balance = -1000.00 * $debtors, version = version + 1 WHERE account_id = 'BENCH-CLEARING';"
total_before=$(sql "SELECT currency || ' ' || sum(booked_balance) FROM account GROUP BY currency ORDER BY 1")

base="http://127.0.0.1:$port"
echo "warm-up: $warmup payments"
"${client_cpus[@]}" "${bench[@]}" run "$base" "$bank" "$work" 0 "$warmup" "$threads" | sed 's/^/  /'
echo "measured: $measured payments, $threads concurrent callers (service pinned to cpu 0: ${server_cpus[*]:-no}); load: $(cut -d' ' -f1-3 /proc/loadavg)"
service_cpu_before=$(cpu_ticks "$server_pid"); postgres_cpu_before=$(postgres_ticks)
"${client_cpus[@]}" "${bench[@]}" run "$base" "$bank" "$work" "$warmup" $(( warmup + measured )) "$threads" | tee "$work/measured.txt" | sed 's/^/  /'
service_cpu_ms=$(( ($(cpu_ticks "$server_pid") - service_cpu_before) * 1000 / $(getconf CLK_TCK) ))
postgres_cpu_ms=$(( ($(postgres_ticks) - postgres_cpu_before) * 1000 / $(getconf CLK_TCK) ))

echo "ledger check after the run:"
unbalanced=$(sql "SELECT count(*) FROM (SELECT transaction_id, currency FROM ledger_entry GROUP BY 1, 2 HAVING sum(amount) <> 0) AS t")
drifted=$(sql "SELECT count(*) FROM account a LEFT JOIN (SELECT account_id, sum(amount) AS s FROM ledger_entry GROUP BY 1) e USING (account_id) WHERE a.booked_balance <> coalesce(e.s, 0)")
overdrawn=$(sql "SELECT count(*) FROM account WHERE overdraft_limit IS NOT NULL AND booked_balance < -overdraft_limit")
total_after=$(sql "SELECT currency || ' ' || sum(booked_balance) FROM account GROUP BY currency ORDER BY 1")
completed=$(sql "SELECT count(*) FROM payment WHERE status = 'completed'")
uses=$(sql "SELECT count(*) FROM consent_use")
booked=$(sql "SELECT count(*) FROM ledger_transaction WHERE kind = 'payment'")
unbooked=$(sql "SELECT count(*) FROM payment p WHERE p.status = 'completed' AND NOT EXISTS (SELECT 1 FROM ledger_transaction t WHERE t.transaction_id = p.payment_id)")
moved=$(sql "SELECT coalesce(sum(booked_balance), 0) FROM account WHERE account_id LIKE 'BENCH-M%'")
echo "  unbalanced transactions: $unbalanced; balances differing from their entries: $drifted; beyond overdraft: $overdrawn"
echo "  total per currency before: $total_before; after: $total_after"
echo "  completed payments: $completed; consent uses: $uses; payment ledger transactions: $booked; completed without a booking: $unbooked"
echo "  money at the merchants: $moved (= completed payments x 0.01)"
expected_moved=$(python3 -c "print(f'{$completed * 0.01:.2f}')")
discrepancies=$(( unbalanced + drifted + overdrawn + unbooked ))
[ "$total_before" = "$total_after" ] || discrepancies=$(( discrepancies + 1 ))
[ "$completed" = "$uses" ] && [ "$completed" = "$booked" ] || discrepancies=$(( discrepancies + 1 ))
[ "$moved" = "$expected_moved" ] || discrepancies=$(( discrepancies + 1 ))
[ "$completed" = $(( warmup + measured )) ] || discrepancies=$(( discrepancies + 1 ))
echo "  discrepancies: $discrepancies"
rate=$(sed -n 's/.*payments_per_s=\([0-9]*\).*/\1/p' "$work/measured.txt")
p99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' "$work/measured.txt")
printf '%-34s %12s %12s\n' "" "measured" "target"
printf '%-34s %12s %12s\n' "payments per second (sustained)" "$rate" ">= 500"
printf '%-34s %12s %12s\n' "p99 latency (ms)" "$p99" "(reported)"
printf '%-34s %12s %12s\n' "service CPU per payment (ms)" "$(python3 -c "print(f'{$service_cpu_ms / $measured:.2f}')")" "(reported)"
printf '%-34s %12s %12s\n' "PostgreSQL CPU per payment (ms)" "$(python3 -c "print(f'{$postgres_cpu_ms / $measured:.2f}')")" "(reported)"
printf '%-34s %12s %12s\n' "ledger discrepancies" "$discrepancies" "0"
[ "$discrepancies" -eq 0 ]

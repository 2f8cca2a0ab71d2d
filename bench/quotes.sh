#!/usr/bin/env bash
# Quote computation benchmark (a script, never a timed test): one thread computes 24-month quotes over a lakeside-like
# catalogue (product-apis' QuoteBenchmark, a main in its test sources), warm-up first, then a fixed number of quotes;
# prints quotes/s and p50/p99 latency per quote next to the target (>= 20,000 quotes/s per core).
#   bash bench/quotes.sh [warm-up quotes] [measured quotes]        (defaults 100000 200000)
# Needs the other modules installed in ~/.m2 once (./mvnw install). Pinned to one CPU with taskset when available.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/use-jdk.sh

classpath_file=product-apis/target/bench.classpath
./mvnw -B -q -pl product-apis test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$classpath_file" -Dmdep.includeScope=test
classpath="product-apis/target/test-classes:product-apis/target/classes:$(cat "$classpath_file")"

pin=()
if command -v taskset >/dev/null 2>&1; then
  pin=(taskset -c 0)
fi
exec "${pin[@]}" "$JAVA_HOME/bin/java" -Xms256m -Xmx256m -cp "$classpath" \
  dev.sceneway.products.credit.quote.QuoteBenchmark "$@"

#!/usr/bin/env bash
# Starts the whole Sceneway sandbox on this machine: embedded PostgreSQL and Redis, auth-server, gateway and one
# product-apis per bank. Needs only a JDK >= 21. Builds first when the jars are missing or older than the sources.
# Ctrl-C stops everything. Set SCENEWAY_POSTGRES_HOST / SCENEWAY_REDIS_HOST to use servers of your own instead.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/use-jdk.sh

launcher=sandbox-partners/target/sceneway-sandbox.jar
if [ "${1:-}" = "--rebuild" ] || [ ! -f "$launcher" ] \
    || [ -n "$(find . \( -name target -o -name node_modules -o -name .sandbox -o -name .git \) -prune \
                -o \( -path '*/src/*' -o -path './openapi/specs/*' -o -name pom.xml \) -newer "$launcher" -type f -print -quit)" ]; then
  echo "Building Sceneway (tests skipped; ./mvnw verify runs them) ..."
  ./mvnw -B -q -DskipTests package
fi
exec "$JAVA_HOME/bin/java" -Dsceneway.home="$PWD" -jar "$launcher"

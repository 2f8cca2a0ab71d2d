#!/usr/bin/env bash
# The OpenAPI lint gate, run by `./mvnw verify` (exec-maven-plugin, test phase of the openapi module) and by hand:
#   bash openapi/lint.sh
# 1. Spectral (.spectral.yaml: spectral:oas, OWASP API Security Top 10, the Sceneway rules) and Redocly (redocly.yaml:
#    recommended) lint every API spec in specs/; common.yaml is linted through the specs that reference it. Any error
#    fails; warnings are printed.
# 2. Self-test: Spectral lints src/test/resources/lint-fixtures/violations.yaml, which breaks each Sceneway rule, and
#    the gate fails unless every `sceneway-*` rule of .spectral.yaml reports there. A rule whose JSONPath silently
#    stops matching (a renamed field, a Spectral upgrade) would otherwise pass every spec forever.
# Node.js >= 20 is needed (see scripts/node-tools.sh: required in CI, skipped with a warning elsewhere). The only
# network access is the npm install of the versions pinned in package.json, into node_modules/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
. ../scripts/node-tools.sh
require_node "OpenAPI lint"
npm_install_pinned "$PWD"

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
spectral=node_modules/.bin/spectral
redocly=node_modules/.bin/redocly
fixture=src/test/resources/lint-fixtures/violations.yaml

specs=()
for spec in specs/*.yaml; do
  [ "$(basename "$spec")" = common.yaml ] || specs+=("$spec")
done
if [ "${#specs[@]}" -eq 0 ]; then
  echo "ERROR: no API spec found in openapi/specs" >&2
  exit 1
fi

failed=0
echo "== Spectral: ${specs[*]}"
"$spectral" lint --ruleset .spectral.yaml --fail-severity=error "${specs[@]}" || failed=1
echo "== Redocly: ${specs[*]}"
"$redocly" lint --config redocly.yaml "${specs[@]}" || failed=1
if [ "$failed" -ne 0 ]; then
  echo "ERROR: OpenAPI lint found errors (above). Fix the spec; rules and their reasons are in openapi/.spectral.yaml." >&2
  exit 1
fi

echo "== Self-test of the Sceneway rules on $fixture"
rules=$(sed -n 's/^  \(sceneway-[a-z0-9-]*\):.*$/\1/p' .spectral.yaml)
if [ -z "$rules" ]; then
  echo "ERROR: no sceneway-* rule found in .spectral.yaml" >&2
  exit 1
fi
status=0
report=$("$spectral" lint --ruleset .spectral.yaml --fail-severity=error --format=text "$fixture" 2>&1) || status=$?
if [ "$status" -eq 0 ]; then
  echo "$report"
  echo "ERROR: the lint fixture passed; the gate would let every violation through." >&2
  exit 1
fi
missing=()
for rule in $rules; do
  if grep -qE "[[:space:]]error[[:space:]]+${rule}[[:space:]]" <<<"$report"; then
    echo "  ok: $rule fires"
  else
    missing+=("$rule")
  fi
done
if [ "${#missing[@]}" -ne 0 ]; then
  echo "$report"
  echo "ERROR: these rules no longer report their violation in $fixture: ${missing[*]}" >&2
  exit 1
fi
echo "OpenAPI lint passed: ${#specs[@]} spec(s), $(wc -w <<<"$rules") Sceneway rules proven on the fixture."

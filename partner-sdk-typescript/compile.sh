#!/usr/bin/env bash
# Compiles the generated TypeScript SDK with tsc (strict, see tsconfig.json) into target/typescript.
# Maven runs it in the compile phase, after openapi-generator wrote target/generated-sources/typescript.
# A type error fails the build. Without Node.js: fails in CI, warns and skips elsewhere (scripts/node-tools.sh).
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../scripts/node-tools.sh
source "$module_dir/../scripts/node-tools.sh"

require_node "TypeScript SDK"
if [ ! -f "$module_dir/target/generated-sources/typescript/index.ts" ]; then
  echo "ERROR: no generated sources in target/generated-sources/typescript; run ./mvnw -pl partner-sdk-typescript compile" >&2
  exit 1
fi
npm_install_pinned "$module_dir"
"$module_dir/node_modules/.bin/tsc" --project "$module_dir/tsconfig.json" --pretty false

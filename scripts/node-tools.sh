# Sourced by build steps that need Node.js tools from npm (OpenAPI lint, the TypeScript SDK compile).
#
# Policy: in CI (CI is set) Node.js >= 20 and npm are required and a missing one fails the build. On a developer's
# machine with only a JDK the step is skipped with a loud warning, so `./mvnw verify` still works there; CI is the
# gate. Tools come from the npm registry at exact versions listed in the calling folder's package.json, installed
# into that folder's node_modules (ignored by git); no lock file is kept.

# Succeeds when Node.js >= 20 and npm are present; otherwise exits the calling script (1 in CI, 0 elsewhere).
require_node() {
  local what="$1" major
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if [ "$major" -ge 20 ]; then
      return 0
    fi
  fi
  if [ -n "${CI:-}" ]; then
    echo "ERROR: $what needs Node.js >= 20 and npm, and this CI machine has none." >&2
    exit 1
  fi
  echo "WARNING: $what SKIPPED: Node.js >= 20 with npm is not installed here. CI runs it; install Node.js to run it locally." >&2
  exit 0
}

# Installs the exact versions of $1/package.json into $1/node_modules when they are not there yet.
npm_install_pinned() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.sceneway-installed" ] || [ "$dir/package.json" -nt "$dir/node_modules/.sceneway-installed" ]; then
    (cd "$dir" && npm install --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null) || {
      echo "ERROR: npm install in $dir failed" >&2
      exit 1
    }
    touch "$dir/node_modules/.sceneway-installed"
  fi
}

# Sourced by ./sandbox.sh and .ci/run: makes JAVA_HOME a JDK >= 21.
# Keeps $JAVA_HOME when it qualifies, else the java on PATH, else the newest JDK in the usual install folders.

jdk_major() { # feature version of the JDK at $1, 0 when it is no JDK
  [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || { echo 0; return; }
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
}

use_jdk() {
  local path_jdk="" candidate newest="" newest_major=0 major
  if command -v java >/dev/null 2>&1; then
    path_jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for candidate in "${JAVA_HOME:-}" "$path_jdk"; do
    if [ -n "$candidate" ] && [ "$(jdk_major "$candidate")" -ge 21 ]; then
      newest="$candidate"
      break
    fi
  done
  if [ -z "$newest" ]; then
    for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
      major=$(jdk_major "$candidate")
      if [ "$major" -ge 21 ] && [ "$major" -gt "$newest_major" ]; then
        newest="$candidate"; newest_major="$major"
      fi
    done
  fi
  if [ -z "$newest" ]; then
    echo "Sceneway needs a JDK 21 or newer and found none: install one and set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$newest"
  export PATH="$JAVA_HOME/bin:$PATH"
}

use_jdk

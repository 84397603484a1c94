#!/usr/bin/env bash
# Builds the driver-side jars (contract D) with Maven and installs them under fixed names:
#   jvm/cluster-manager/target/armada-spark-cluster-manager.jar
#   jvm/examples/target/armada-spark-examples.jar
# Maven writes <artifactId>-<version>.jar in place; the fixed names are replaced by rename, so
# JVMs that have the previous jar open keep reading a complete file.
# Skipped when the sources and poms are unchanged since the last successful build (stamp file
# holding their hash) and both jars exist. Maven's first run downloads a few dozen MB into
# ~/.m2; later runs work offline. Set ARMADA_SPARK_FORCE_BUILD=1 to rebuild anyway.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JVM="$ROOT/jvm"
STAMP="$JVM/target/.build-stamp"
JARS=(
  "$JVM/cluster-manager/target/armada-spark-cluster-manager.jar"
  "$JVM/examples/target/armada-spark-examples.jar"
)

hash_sources() {
  (cd "$JVM" && find . -path '*/target' -prune -o -type f \( -name pom.xml -o -path '*/src/*' \) -print |
    LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -d' ' -f1
}

mkdir -p "$JVM/target"
exec 9>"$JVM/target/.lock"
flock 9

want="$(hash_sources)"
fresh=1
for jar in "${JARS[@]}"; do [ -f "$jar" ] || fresh=0; done
if [ "$fresh" = 1 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  exit 0
fi

echo "build-jvm: building jvm/ with Maven" >&2
LOG="$JVM/target/build.log"
mvn_package() { (cd "$JVM" && mvn -q -B -Dstyle.color=never "$@" package) >"$LOG" 2>&1; }
# Offline when everything was downloaded before: faster, and no network needed.
if ! { [ -f "$STAMP" ] && mvn_package -o; } && ! mvn_package; then
  tail -n 40 "$LOG" >&2
  echo "build-jvm: Maven build failed (full log: $LOG)" >&2
  exit 1
fi
VERSION="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$JVM/pom.xml" | head -n1)"
for jar in "${JARS[@]}"; do
  built="${jar%.jar}-$VERSION.jar"
  [ -f "$built" ] || { echo "build-jvm: expected $built after the build" >&2; exit 1; }
  cp "$built" "$jar.tmp"
  mv -f "$jar.tmp" "$jar"
done
echo "$want" >"$STAMP"

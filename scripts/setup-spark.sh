#!/usr/bin/env bash
# Installs the pinned Spark distributions that PyPI's `pyspark` packages carry into
# .spark/<version>/ and writes .spark/homes.json (contract D):
#   {"default":"4.1.1","versions":{"3.5.7":{"sparkHome":"/abs/...","scala":"2.12"},...}}
# Idempotent and cached: an installed version is kept (stamp file), pip reuses its own cache
# (the wheel it builds from the big sdist is cached too), and concurrent runs are serialised.
# Prints one line per version: `<version> <SPARK_HOME>`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPARK_DIR="${ARMADA_SPARK_DIR:-$ROOT/.spark}"
PYTHON="${PYTHON:-python3}"
VERSIONS=(3.5.7 4.1.1)
DEFAULT_VERSION=4.1.1
# Bump when the layout of an installation changes, so old installations are redone.
LAYOUT=1

mkdir -p "$SPARK_DIR"
exec 9>"$SPARK_DIR/.lock"
flock 9

log() { echo "setup-spark: $*" >&2; }

install_version() {
  local version="$1" target="$SPARK_DIR/$1" stamp="$SPARK_DIR/$1/.installed"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "pyspark==$version layout=$LAYOUT" ]; then
    return 0
  fi
  log "installing pyspark==$version into $target (first run downloads ~300-450 MB; cached afterwards)"
  rm -rf "$target" "$target.tmp"
  "$PYTHON" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
    --target "$target.tmp" "pyspark==$version"
  # py4j is pyspark's only runtime dependency for what we run; take the exact requirement
  # pyspark declares (its METADATA), still without resolving anything else.
  local py4j_req
  py4j_req="$("$PYTHON" - "$target.tmp" "$version" <<'PY'
import pathlib, re, sys
meta = pathlib.Path(sys.argv[1]) / f"pyspark-{sys.argv[2]}.dist-info" / "METADATA"
for line in meta.read_text().splitlines():
    m = re.match(r"Requires-Dist:\s*(py4j\s*[^;]*)$", line)
    if m:
        print(m.group(1).replace(" ", "").replace("(", "").replace(")", ""))
        break
else:
    sys.exit(f"no py4j requirement in {meta}")
PY
)"
  "$PYTHON" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
    --target "$target.tmp" "$py4j_req"
  # The Spark distribution's python/lib zips: spark-submit (PythonRunner) and the executors'
  # Python workers put exactly these file names on PYTHONPATH. pip installs do not have them.
  "$PYTHON" - "$target.tmp" <<'PY'
import pathlib, re, sys, zipfile
root = pathlib.Path(sys.argv[1])
home = root / "pyspark"
core = next((home / "jars").glob("spark-core_*.jar"))
with zipfile.ZipFile(core) as jar:
    names = set()
    for entry in jar.namelist():
        if entry.startswith("org/apache/spark/api/python/PythonUtils"):
            names.update(re.findall(rb"py4j-[0-9.]+-src\.zip", jar.read(entry)))
if len(names) != 1:
    sys.exit(f"cannot tell which py4j zip {core.name} expects: {names}")
py4j_zip = names.pop().decode()
lib = home / "python" / "lib"
lib.mkdir(parents=True, exist_ok=True)
def pack(dest, package):
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(package.rglob("*")):
            rel = f.relative_to(package.parent)
            # pyspark's package directory is also SPARK_HOME: keep only the Python sources.
            if rel.parts[1:2] and rel.parts[1] in ("jars", "bin", "sbin", "conf", "examples", "licenses", "data", "python"):
                continue
            if f.is_file() and "__pycache__" not in rel.parts:
                z.write(f, rel.as_posix())
pack(lib / "pyspark.zip", home)
pack(lib / py4j_zip, root / "py4j")
PY
  chmod +x "$target.tmp/pyspark/bin/"* 2>/dev/null || true
  # The distribution must run here (Spark 4 needs Java 17+).
  if ! SPARK_HOME="$target.tmp/pyspark" "$target.tmp/pyspark/bin/spark-submit" --version >"$target.tmp/version.txt" 2>&1 ||
    ! grep -q "version $version" "$target.tmp/version.txt"; then
    cat "$target.tmp/version.txt" >&2
    log "spark-submit --version of pyspark==$version failed (Java: $(java -version 2>&1 | head -n1))"
    exit 1
  fi
  mv "$target.tmp" "$target"
  echo "pyspark==$version layout=$LAYOUT" >"$stamp"
}

scala_of() {
  local jar name
  for jar in "$1"/jars/scala-library-2.*.jar; do
    name="$(basename "$jar")"
    if [[ "$name" =~ ^scala-library-(2\.[0-9]+)\.[0-9]+\.jar$ ]]; then
      echo "${BASH_REMATCH[1]}"
      return 0
    fi
  done
  log "no scala-library jar in $1/jars"
  exit 1
}

json='{"default":"'"$DEFAULT_VERSION"'","versions":{'
sep=""
for v in "${VERSIONS[@]}"; do
  install_version "$v"
  home="$SPARK_DIR/$v/pyspark"
  json+="$sep\"$v\":{\"sparkHome\":\"$home\",\"scala\":\"$(scala_of "$home")\"}"
  sep=","
done
json+='}}'
printf '%s\n' "$json" >"$SPARK_DIR/homes.json.tmp"
mv "$SPARK_DIR/homes.json.tmp" "$SPARK_DIR/homes.json"

for v in "${VERSIONS[@]}"; do
  echo "$v $SPARK_DIR/$v/pyspark"
done

#!/usr/bin/env bash
# Fails when src/armada/gen/ is not exactly what `npm run gen` produces from proto/.
# Regenerates into a temporary directory, so the work tree is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
PATH="$PWD/node_modules/.bin:$PATH" buf generate --template buf.gen.yaml -o "$tmp" .
if ! diff -r "$tmp/src/armada/gen" src/armada/gen >"$tmp/diff.txt" 2>&1; then
  echo "check-gen: src/armada/gen/ is stale: it differs from what proto/ generates." >&2
  head -n 40 "$tmp/diff.txt" >&2
  echo "check-gen: run 'npm run gen' and commit src/armada/gen/." >&2
  exit 1
fi
echo "check-gen: src/armada/gen/ is up to date."

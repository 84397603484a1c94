#!/usr/bin/env bash
# Project-local Python environment (.venv/) with the pinned packages in
# scripts/python-requirements.txt (the official armada-client, grpcio, protobuf).
# Idempotent: does nothing when .venv/ already holds exactly these requirements.
set -euo pipefail
cd "$(dirname "$0")/.."
req=scripts/python-requirements.txt
venv=.venv
stamp="$venv/.requirements.sha256"
python="${PYTHON:-python3}"

want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' 2>/dev/null; then
  echo "setup-python: $python is missing or older than 3.9; set PYTHON=/path/to/python3" >&2
  exit 1
fi
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
"$venv/bin/python" -c 'import armada_client.armada.submit_pb2, grpc' # fails loudly if broken
echo "$want" >"$stamp"
echo "setup-python: $venv ready ($(grep -c '==' "$req") pinned packages)"

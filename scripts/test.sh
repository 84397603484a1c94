#!/usr/bin/env bash
# `npm test`: installs what the tests need (idempotent, cached under the project), checks that the
# generated protobuf code is current, builds, and runs every test: unit tests beside the code
# (dist/src) and end-to-end tests against real Spark, real processes and the official Armada
# Python client (dist/e2e).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -f scripts/check-gen.sh ]; then bash scripts/check-gen.sh; fi
npm run build --silent
targets=(dist/src/)
[ -d dist/e2e ] && targets+=(dist/e2e/)
node --test "${targets[@]}"

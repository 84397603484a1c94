#!/usr/bin/env bash
# `npm test`: installs what the tests need (idempotent, cached under the project), builds, and
# runs every test: unit tests beside the code (dist/src) and end-to-end tests (dist/e2e).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
node --test dist/src/ ${E2E_DIR:-}

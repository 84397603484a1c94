#!/usr/bin/env bash
# Installs everything the tests and the quickstart need beyond `npm ci`, project-local and cached:
# the pinned Spark distributions (PyPI pyspark), the Python tools (official armada-client), the
# JVM jars (Maven), and Debian's Chromium for the browser test. Each step is idempotent and skips
# work that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."
for step in setup-spark setup-python build-jvm setup-browser; do
  bash "scripts/$step.sh"
done

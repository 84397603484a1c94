#!/usr/bin/env bash
# Installs Debian's Chromium for the browser end-to-end tests (driven by playwright-core, which
# downloads no browser of its own). Idempotent: does nothing when /usr/bin/chromium exists.
set -euo pipefail

chromium=/usr/bin/chromium
if [[ -x "$chromium" ]]; then
  echo "setup-browser: $("$chromium" --version 2>/dev/null || echo "$chromium") already installed"
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup-browser: $chromium is missing and installing it needs root (apt-get install -y chromium)" >&2
  exit 1
fi

echo "setup-browser: installing chromium from Debian"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null

if [[ ! -x "$chromium" ]]; then
  echo "setup-browser: apt-get finished but $chromium is still missing" >&2
  exit 1
fi
echo "setup-browser: $("$chromium" --version)"

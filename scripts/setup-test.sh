#!/usr/bin/env bash
# What the web tests need besides the Python packages: the front-end packages the app serves from
# node_modules/ and the bundles built from them into web/static/build/, and Debian's Chromium for the
# browser tests (driven by Playwright, never downloaded by it).
set -euo pipefail
cd "$(dirname "$0")/.."
export IBM_TELEMETRY_DISABLED=true  # no install-time report of the project to a package vendor

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is missing: run as root, or apt-get install chromium" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
fi

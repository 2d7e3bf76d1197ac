#!/usr/bin/env bash
# Runs buf on the stockwise.v1 contracts: `./buf.sh lint` (STANDARD rules, see buf.yaml) or
# `./buf.sh breaking --against <ref>`. Installs the pinned buf from the npm registry on first use.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/buf ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "buf.sh: npm is required to install buf (apt-get install npm)" >&2
    exit 1
  fi
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error >&2
  else
    npm install --no-audit --no-fund --loglevel=error >&2
  fi
fi
exec node_modules/.bin/buf "$@"

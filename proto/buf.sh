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
  # package.json pins buf exactly (and buf pins its platform binary); no lock file, because npm
  # writes one that lists only this machine's optional platform package and then refuses `npm ci`.
  npm install --no-audit --no-fund --no-package-lock --loglevel=error >&2
fi
exec node_modules/.bin/buf "$@"

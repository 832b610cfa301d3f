#!/usr/bin/env bash
# Installs the npm tools the OpenAPI checks use (Spectral, openapi-typescript, TypeScript,
# openapi-fetch) into tools/npm/node_modules, exactly as pinned by tools/npm/package-lock.json.
# Uses the machine's node/npm; installs Debian's when there is none.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v npm >/dev/null 2>&1; then
  echo "[npm-tools] npm not found: installing Debian's nodejs and npm"
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

echo "[npm-tools] node $(node --version), npm $(npm --version 2>/dev/null)"
cd tools/npm
# No install scripts are needed (nothing native, no browsers); skipping them also keeps a
# dependency's telemetry from calling out.
SCARF_ANALYTICS=false npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

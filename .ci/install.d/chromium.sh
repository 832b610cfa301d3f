#!/usr/bin/env bash
# Headless Chromium from Debian for the dashboard's browser tests (tests/WebApi.BrowserTests).
# Idempotent and quiet: does nothing when the binary is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
test -x /usr/bin/chromium

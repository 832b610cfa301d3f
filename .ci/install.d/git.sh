#!/usr/bin/env bash
# The system git, for the tests only: the DoI and git-reader tests build real repositories with it
# (the product itself never runs git). Idempotent and quiet: does nothing when git is there.
set -euo pipefail
if command -v git >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends git >/dev/null
command -v git >/dev/null

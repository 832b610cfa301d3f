#!/usr/bin/env bash
# Where a single read's time goes inside the hub (bench/README.md, "Single reads: the same read on
# three paths"): builds the hub with single-read-paths.patch applied (two extra endpoints that
# answer GET /repos/{slug}'s body with the raw baseline's code: /x/min/repos/{slug} as a minimal API,
# /x/mvc/repos/{slug} from a controller; neither uses MediatR or EF Core), starts it and the raw
# baseline on a database kept by bench/run.sh, and measures the three hub paths and raw, interleaved.
#
#   KEEP=1 WORK=/var/tmp/shb bench/run.sh          # once: builds, loads and keeps the small fleet
#   WORK=/var/tmp/shb bench/ablation/run.sh        # then: ROUNDS (3) x SECONDS_PER_RUN (8) after WARMUP_SECONDS (30)
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${WORK:?set WORK to the folder of a KEEP=1 bench/run.sh}" "${ROUNDS:=3}" "${SECONDS_PER_RUN:=8}" "${WARMUP_SECONDS:=30}"
[[ -s "$WORK/fleet.env" && -d "$WORK/raw" && -d "$WORK/compare" ]] || { echo "no kept bench in $WORK: run KEEP=1 WORK=$WORK bench/run.sh first" >&2; exit 1; }
# shellcheck disable=SC1091
source "$WORK/fleet.env"
HUB_PORT=18120; RAW_PORT=18121; PG_PORT=${PG_PORT:-$((55500 + RANDOM % 400))}

src="$WORK/ablation-src"
rm -rf "$src"; git worktree prune
git worktree add -q --detach "$src" HEAD
git -C "$src" apply "$PWD/bench/ablation/single-read-paths.patch"
dotnet build -c Release -v q -nologo "$src/src/WebApi" -o "$WORK/hubx" >&2
git worktree remove --force "$src"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
wait_for() { for _ in $(seq 1 600); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "$1 never answered" >&2; exit 1; }

CONN="Host=127.0.0.1;Port=$PG_PORT;Username=statehub;Password=$(cat "$WORK/pg/password");Database=statehub"
ASPNETCORE_ENVIRONMENT=Production Auth__AllowAnonymous=true RateLimiting__PerKeyPerMinute=0 \
  Logging__LogLevel__Default=Warning EmbeddedDatabase__DataDirectory="$WORK/pg" EmbeddedDatabase__Port="$PG_PORT" \
  BENCH_CONN="$CONN" dotnet "$WORK/hubx/StateHub.WebApi.dll" --urls "http://127.0.0.1:$HUB_PORT" >"$WORK/hubx.log" 2>&1 &
HUB_PID=$!; pids+=("$HUB_PID")
wait_for "http://127.0.0.1:$HUB_PORT/health/ready"
ConnectionStrings__StateHub="$CONN" dotnet "$WORK/raw/StateHub.Bench.Raw.dll" --urls "http://127.0.0.1:$RAW_PORT" >"$WORK/raw-ablation.log" 2>&1 &
RAW_PID=$!; pids+=("$RAW_PID")
wait_for "http://127.0.0.1:$RAW_PORT/repos/$repo_slug"
PG_PID=$(head -1 "$WORK/pg/data/postmaster.pid")

paths=("hub: controller, MediatR, EF Core=/repos/$repo_slug" "hub: controller, raw code=/x/mvc/repos/$repo_slug" "hub: minimal API, raw code=/x/min/repos/$repo_slug")
for p in "${paths[@]}"; do
  [[ "$(curl -fsS "http://127.0.0.1:$HUB_PORT${p#*=}")" == "$(curl -fsS "http://127.0.0.1:$RAW_PORT/repos/$repo_slug")" ]] || { echo "${p%%=*} is not byte-equal to raw" >&2; exit 1; }
done
measure() { # URL PID READ...
  local url=$1 pid=$2; shift 2
  local reads=(); for r in "$@"; do reads+=(--read "$r"); done
  dotnet "$WORK/compare/StateHub.Bench.Compare.dll" --hub "$url" --seconds "$SECONDS_PER_RUN" --connections 32 --rounds 1 --warmup 1 \
    --hub-pid "$pid" --pg-pid "$PG_PID" "${reads[@]}" | grep '^| [hr][ua]'
}
echo "== warming every path for $WARMUP_SECONDS s; load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" >&2
for p in "${paths[@]}"; do
  dotnet "$WORK/compare/StateHub.Bench.Compare.dll" --hub "http://127.0.0.1:$HUB_PORT" --seconds "$WARMUP_SECONDS" --connections 32 --rounds 1 --warmup 0 --read "$p" >/dev/null
done
dotnet "$WORK/compare/StateHub.Bench.Compare.dll" --hub "http://127.0.0.1:$RAW_PORT" --seconds "$WARMUP_SECONDS" --connections 32 --rounds 1 --warmup 0 --read "raw=/repos/$repo_slug" >/dev/null

echo "| round | path | rps | p50 / p99 ms | CPU ms/req app + db |"
echo "|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  { measure "http://127.0.0.1:$HUB_PORT" "$HUB_PID" "${paths[@]}"; measure "http://127.0.0.1:$RAW_PORT" "$RAW_PID" "raw baseline=/repos/$repo_slug"; } |
    awk -F'|' -v r="$round" '{print "| " r " |" $2 "|" $4 "|" $5 "|" $9 "|"}'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

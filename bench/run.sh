#!/usr/bin/env bash
# The State Hub benchmark (bench/README.md): builds the hub and the raw-Npgsql baseline in Release,
# starts the hub on a throwaway embedded PostgreSQL, loads a fleet with COPY, starts the baseline
# on the same database, and prints the hub-vs-raw table for dispatch (50x20 and small repo),
# GET /repos/{slug}, GET /tasks/{id}, GET /interface-changes/{id} and the DoI summary, measured in one interleaved session.
#
#   bench/run.sh                 # small fleet (200 repos, 20k tasks, 4k changes, 40k events): minutes
#   FLEET=large bench/run.sh     # 10,000 repos, 1,000,000 tasks, 200,000 changes, 2,000,000 events
#   REPOS=… TASKS=… CHANGES=… EVENTS=… SECONDS_PER_RUN=10 CONNECTIONS=32 ROUNDS=3 WARMUP_SECONDS=10 bench/run.sh
#   KEEP=1 WORK=/var/tmp/sh-large FLEET=large bench/run.sh     # keep the database afterwards …
#   REUSE=1 KEEP=1 WORK=/var/tmp/sh-large FLEET=large bench/run.sh   # … and measure it again (no reload)
#
# Needs the .NET SDK and PostgreSQL server binaries (as for the hub's embedded database).
# Everything lives in $WORK (default /var/tmp/statehub-bench-<pid>), removed at the end unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${FLEET:-small}" == large ]]; then
  : "${REPOS:=10000}" "${TASKS:=1000000}" "${CHANGES:=200000}" "${EVENTS:=2000000}"
else
  : "${REPOS:=200}" "${TASKS:=20000}" "${CHANGES:=4000}" "${EVENTS:=40000}"
fi
: "${SECONDS_PER_RUN:=10}" "${CONNECTIONS:=32}" "${ROUNDS:=3}" "${WARMUP_SECONDS:=10}"
WORK=${WORK:-/var/tmp/statehub-bench-$$}
HUB_PORT=${HUB_PORT:-18110}
RAW_PORT=${RAW_PORT:-18111}
PG_PORT=${PG_PORT:-$((55500 + RANDOM % 400))}
mkdir -p "$WORK/pg"
chmod 755 "$WORK"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ "${KEEP:-0}" == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

echo "== building (Release) into $WORK" >&2
dotnet build -c Release -v q -nologo src/WebApi -o "$WORK/hub" >&2
dotnet build -c Release -v q -nologo bench/StateHub.Bench.Raw -o "$WORK/raw" >&2
dotnet build -c Release -v q -nologo bench/StateHub.Bench.Fleet -o "$WORK/fleet" >&2
dotnet build -c Release -v q -nologo bench/StateHub.Bench.Compare -o "$WORK/compare" >&2

wait_for() { for _ in $(seq 1 600); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "$1 never answered" >&2; exit 1; }

echo "== starting the hub on :$HUB_PORT (embedded PostgreSQL on :$PG_PORT)" >&2
ASPNETCORE_ENVIRONMENT=Production Auth__AllowAnonymous=true RateLimiting__PerKeyPerMinute=0 \
  Logging__LogLevel__Default=Warning EmbeddedDatabase__DataDirectory="$WORK/pg" EmbeddedDatabase__Port="$PG_PORT" \
  dotnet "$WORK/hub/StateHub.WebApi.dll" --urls "http://127.0.0.1:$HUB_PORT" >"$WORK/hub.log" 2>&1 &
HUB_PID=$!; pids+=("$HUB_PID")
wait_for "http://127.0.0.1:$HUB_PORT/health/ready"
CONN="Host=127.0.0.1;Port=$PG_PORT;Username=statehub;Password=$(cat "$WORK/pg/password");Database=statehub"
PG_PID=$(head -1 "$WORK/pg/data/postmaster.pid")

if [[ "${REUSE:-0}" == 1 && -s "$WORK/fleet.env" ]]; then
  echo "== reusing the fleet already loaded in $WORK (REUSE=1): DoI cache emptied (so it is rebuilt by this build), ANALYZE" >&2
  PGPASSWORD="$(cat "$WORK/pg/password")" psql -q -h 127.0.0.1 -p "$PG_PORT" -U statehub statehub -c "TRUNCATE doi_cache" -c "ANALYZE" >&2
else
  echo "== loading the fleet: $REPOS repos, $TASKS tasks, $CHANGES interface changes, $EVENTS events" >&2
  dotnet "$WORK/fleet/StateHub.Bench.Fleet.dll" --connection "$CONN" --repos "$REPOS" --tasks "$TASKS" \
    --changes "$CHANGES" --events "$EVENTS" >"$WORK/fleet.env"
fi
# shellcheck disable=SC1091
source "$WORK/fleet.env"

echo "== starting the raw-Npgsql baseline on :$RAW_PORT" >&2
ConnectionStrings__StateHub="$CONN" dotnet "$WORK/raw/StateHub.Bench.Raw.dll" --urls "http://127.0.0.1:$RAW_PORT" >"$WORK/raw.log" 2>&1 &
RAW_PID=$!; pids+=("$RAW_PID")
wait_for "http://127.0.0.1:$RAW_PORT/repos/$small_slug"

# Fill the DoI cache for the whole fleet first (the summary is measured warm, hub only).
started=$(date +%s.%N)
curl -fsS "http://127.0.0.1:$HUB_PORT/repos/doi/summary" >/dev/null
echo "== DoI summary, cold cache: $(echo "$(date +%s.%N) - $started" | bc) s" >&2

echo "== measuring ($WARMUP_SECONDS s warm-up, then $ROUNDS rounds x $SECONDS_PER_RUN s x $CONNECTIONS connections, interleaved); load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" >&2
dotnet "$WORK/compare/StateHub.Bench.Compare.dll" --hub "http://127.0.0.1:$HUB_PORT" --raw "http://127.0.0.1:$RAW_PORT" \
  --seconds "$SECONDS_PER_RUN" --connections "$CONNECTIONS" --rounds "$ROUNDS" --warmup "$WARMUP_SECONDS" \
  --hub-pid "$HUB_PID" --raw-pid "$RAW_PID" --pg-pid "$PG_PID" \
  --read "dispatch, 50x20 repo=/repos/$big_slug/dispatch" \
  --read "dispatch, small repo=/repos/$small_slug/dispatch" \
  --read "GET /repos/{slug}=/repos/$repo_slug" \
  --read "GET /tasks/{id}=/tasks/$task_id" \
  --read "GET /interface-changes/{id}=/interface-changes/$change_id"
echo
dotnet "$WORK/compare/StateHub.Bench.Compare.dll" --hub "http://127.0.0.1:$HUB_PORT" \
  --seconds "$SECONDS_PER_RUN" --connections 4 --rounds 1 --warmup 3 --hub-pid "$HUB_PID" --pg-pid "$PG_PID" \
  --read "DoI summary, $((REPOS + 2)) repos, warm=/repos/doi/summary" \
  --read "DoI summary with criteria=/repos/doi/summary?include=criteria" \
  --read "first page of GET /repos=/repos/?limit=50" \
  --read "first page of GET /interface-changes=/interface-changes?limit=50" \
  --read "first page of GET /repos/{slug}/events=/repos/$repo_slug/events?limit=50" \
  --read "first page of GET /repos/{slug}/workstreams=/repos/$repo_slug/workstreams?limit=50" \
  --read "first page of GET /workstreams/{id}/tasks=/workstreams/$workstream_id/tasks?limit=50" \
  --read "first page of GET /repos/{slug}/goals=/repos/$repo_slug/goals?limit=50" \
  --read "first page of GET /repos/{slug}/inbox=/repos/$big_slug/inbox?limit=50" \
  --read "first page of GET /domains=/domains?limit=50"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

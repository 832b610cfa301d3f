#!/usr/bin/env bash
# A real third-party MCP client against a real State Hub: starts the built app on a free loopback
# port with an embedded PostgreSQL in a temporary folder, registers a domain, a repo and a goal over
# HTTP, then drives /mcp with the MCP Inspector CLI (tools/mcp-inspector, installed by
# .ci/install.d/mcp-inspector.sh): lists the tools (with the inspector's schema portability check),
# registers and publishes an interface change, calls get_dispatch, acknowledge_interface_change, list_repos (and follows its _meta.next_cursor) and register_repo, and checks that a failing call comes back as isError with
# its detail and that a foreign Origin is refused. Every wait is bounded; the app is stopped with
# SIGTERM, which stops its cluster.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

log() { printf '[mcp-inspector] %s\n' "$*"; }
fail() { log "FAIL: $*"; exit 1; }

inspector_dir=$root/tools/mcp-inspector
node=$inspector_dir/node_modules/.bin/node
inspector=$inspector_dir/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js
[ -x "$node" ] && [ -f "$inspector" ] || fail "the inspector is not installed: run bash .ci/install.d/mcp-inspector.sh"
"$node" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)' || fail "$("$node" --version) is older than Node 22"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
timeout 600 dotnet build src/WebApi -nologo -v q -c Release >/dev/null || fail "dotnet build src/WebApi failed"
dll=$root/src/WebApi/bin/Release/net10.0/StateHub.WebApi.dll
[ -f "$dll" ] || fail "no $dll after the build"

# Run as root, the app runs PostgreSQL as the postgres user, which must reach the data folder.
work=$(mktemp -d /tmp/statehub-mcp-check.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/home"

port=
for _ in $(seq 50); do
  candidate=$((20000 + RANDOM % 30000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || fail "no free loopback port found"
base=http://127.0.0.1:$port

app_pid=
cleanup() {
  local status=$?
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$app_pid" 2>/dev/null && { log "app did not stop on SIGTERM; killing it"; kill -KILL "$app_pid" 2>/dev/null || true; }
  fi
  # If the app could not stop its cluster, stop the postmaster it started (fast shutdown).
  local pidfile=$work/pg/data/postmaster.pid
  if [ -f "$pidfile" ]; then
    local pg_pid
    pg_pid=$(head -n1 "$pidfile")
    if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
      log "stopping leftover PostgreSQL $pg_pid"
      kill -INT "$pg_pid" 2>/dev/null || true
      for _ in $(seq 60); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.5; done
    fi
  fi
  if [ "$status" -ne 0 ] && [ -f "$work/app.log" ]; then
    log "app log (last 40 lines):"
    tail -n 40 "$work/app.log" || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

log "starting State Hub on $base"
# Access control is tested by the suite; this check is about the MCP protocol, so it runs open.
ASPNETCORE_URLS=$base ASPNETCORE_ENVIRONMENT=Production Auth__AllowAnonymous=true \
  EmbeddedDatabase__DataDirectory="$work/pg" Logging__LogLevel__Default=Warning \
  dotnet "$dll" >"$work/app.log" 2>&1 &
app_pid=$!

ready=
for _ in $(seq 180); do
  kill -0 "$app_pid" 2>/dev/null || fail "the app exited during start-up"
  if curl -sf -m 5 "$base/health/ready" >/dev/null 2>&1; then ready=1; break; fi
  sleep 1
done
[ -n "$ready" ] || fail "the app was not ready within 180 s"
log "ready"

post() { curl -s -m 30 -o "$work/body" -w '%{http_code}' -X POST "$base$1" -H 'content-type: application/json' -d "$2"; }
[ "$(post /domains/ '{"slug":"platform","name":"Platform"}')" = 201 ] || fail "POST /domains/: $(cat "$work/body")"
[ "$(post /repos/ '{"domain_slug":"platform","slug":"repo-registry","name":"Repo Registry"}')" = 201 ] \
  || fail "POST /repos/: $(cat "$work/body")"
[ "$(post /repos/ '{"domain_slug":"platform","slug":"mcp-origin","name":"Origin"}')" = 201 ] || fail "POST /repos/: $(cat "$work/body")"
[ "$(post /repos/repo-registry/goals '{"title":"Serve MCP","priority":1}')" = 201 ] || fail "POST /repos/repo-registry/goals: $(cat "$work/body")"

# The inspector keeps a catalog and storage under $HOME; give it a throwaway one.
inspect() { HOME=$work/home timeout 60 "$node" "$inspector" --cli "$base/mcp" "$@"; }

# Reads JSON on stdin and runs a JavaScript predicate over it (as `r`); prints the message and fails when false.
expect() {
  "$node" -e '
    let input = ""; process.stdin.on("data", d => input += d).on("end", () => {
      const r = JSON.parse(input);
      const ok = new Function("r", "return (" + process.argv[1] + ");")(r);
      if (!ok) { console.error(process.argv[2] + "\n" + JSON.stringify(r, null, 2)); process.exit(1); }
    });' "$1" "$2"
}

log "tools/list (with the inspector's schema portability check)"
inspect --method tools/list --strict >"$work/tools.json" 2>"$work/tools.err" || { cat "$work/tools.err"; fail "tools/list failed"; }
# --strict prints each portability problem on stderr (and exits 6 on error-severity ones); we allow none.
if grep -qiE 'warning|error' "$work/tools.err"; then cat "$work/tools.err"; fail "the inspector found schema portability problems"; fi
expect '["get_dispatch", "register_repo"].every(n => r.tools.some(t => t.name === n))' "get_dispatch or register_repo is not listed" <"$work/tools.json"
expect 'r.tools.every(t => t.description && t.inputSchema.type === "object")' "a tool lacks a description or an object schema" <"$work/tools.json"
log "listed: $("$node" -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).tools.map(t => t.name).join(" "))' "$work/tools.json")"

log "tools/call register_interface_change and publish_interface_change (array and enum arguments)"
inspect --method tools/call --tool-name register_interface_change --tool-arg origin_repo_slug=mcp-origin 'title=Rename a route' \
  change_type=breaking interface_type=http_api 'affected_repo_slugs=["repo-registry"]' planned_for=2030-01-15 >"$work/change.json" \
  || fail "register_interface_change failed: $(cat "$work/change.json")"
expect '!r.isError && JSON.parse(r.content[0].text).status === "draft"' "register_interface_change did not return a draft" <"$work/change.json"
change_id=$("$node" -e 'console.log(JSON.parse(JSON.parse(require("fs").readFileSync(process.argv[1])).content[0].text).id)' "$work/change.json")
inspect --method tools/call --tool-name publish_interface_change --tool-arg "interface_change_id=$change_id" >"$work/published.json" \
  || fail "publish_interface_change failed: $(cat "$work/published.json")"
expect '!r.isError && JSON.parse(r.content[0].text).status === "published"' "publish_interface_change did not publish" <"$work/published.json"

log "tools/call get_dispatch"
inspect --method tools/call --tool-name get_dispatch --tool-arg repo_slug=repo-registry >"$work/dispatch.json" || fail "get_dispatch failed: $(cat "$work/dispatch.json")"
expect '!r.isError && JSON.parse(r.content[0].text).repo_slug === "repo-registry"' "get_dispatch did not return the repo's dispatch" <"$work/dispatch.json"
expect 'JSON.parse(r.content[0].text).active_goal.title === "Serve MCP"' "get_dispatch did not show the goal registered over HTTP" <"$work/dispatch.json"
expect 'JSON.parse(r.content[0].text).pending_interface_changes.some(c => c.title === "Rename a route")' "get_dispatch did not show the published change" <"$work/dispatch.json"
expect 'JSON.parse(r.content[0].text).unread_inbox_count === 1' "get_dispatch did not count the inbox message" <"$work/dispatch.json"

log "tools/call acknowledge_interface_change and find_repos (tools of the agent loop)"
inspect --method tools/call --tool-name acknowledge_interface_change --tool-arg "id=$change_id" repo_slug=repo-registry status=migrated \
  >"$work/ack.json" || fail "acknowledge_interface_change failed: $(cat "$work/ack.json")"
expect '!r.isError && JSON.parse(r.content[0].text).consumers.some(c => c.repo_slug === "repo-registry" && c.status === "migrated")' \
  "acknowledge_interface_change did not record the status" <"$work/ack.json"
inspect --method tools/call --tool-name list_repos >"$work/repos.json" || fail "list_repos failed: $(cat "$work/repos.json")"
expect '!r.isError && JSON.parse(r.content[0].text).some(x => x.slug === "repo-registry")' "list_repos did not list the repo" <"$work/repos.json"
inspect --method tools/call --tool-name list_repos --tool-arg limit=1 >"$work/repos-page.json" || fail "list_repos limit=1 failed: $(cat "$work/repos-page.json")"
expect '!r.isError && JSON.parse(r.content[0].text).length === 1 && typeof r._meta.next_cursor === "string"' \
  "list_repos limit=1 did not return one repo and a _meta.next_cursor" <"$work/repos-page.json"
next_cursor=$("$node" -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1]))._meta.next_cursor)' "$work/repos-page.json")
inspect --method tools/call --tool-name list_repos --tool-arg limit=1 "cursor=$next_cursor" >"$work/repos-page2.json" || fail "list_repos with the next cursor failed: $(cat "$work/repos-page2.json")"
expect '!r.isError && JSON.parse(r.content[0].text).length === 1' "list_repos with next_cursor did not return the next repo" <"$work/repos-page2.json"

log "tools/call register_repo"
inspect --method tools/call --tool-name register_repo --tool-arg domain_slug=platform slug=mcp-registered 'name=Registered over MCP' >"$work/register.json" \
  || fail "register_repo failed: $(cat "$work/register.json")"
expect '!r.isError && JSON.parse(r.content[0].text).slug === "mcp-registered"' "register_repo did not return the repo" <"$work/register.json"
[ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$base/repos/mcp-registered")" = 200 ] || fail "the repo registered over MCP is not served over HTTP"

log "tools/call register_repo with a taken slug (must be isError with the detail)"
set +e
inspect --method tools/call --tool-name register_repo --tool-arg domain_slug=platform slug=repo-registry name=Again >"$work/conflict.json" 2>"$work/conflict.err"
status=$?
set -e
[ "$status" -ne 0 ] || fail "a conflicting register_repo did not fail"
expect 'r.isError === true && r.content[0].text === "Repo slug '\''repo-registry'\'' already exists"' "the conflict did not come back as isError with its detail" <"$work/conflict.json"

log "a foreign Origin is refused"
code=$(curl -s -m 10 -o "$work/forbidden.json" -w '%{http_code}' -X POST "$base/mcp" -H 'content-type: application/json' \
  -H 'accept: application/json, text/event-stream' -H 'origin: https://evil.example' \
  -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}')
[ "$code" = 403 ] || fail "a foreign Origin got $code"
expect 'r.status === 403 && r.detail.includes("evil.example")' "the 403 is not a problem with a detail" <"$work/forbidden.json"

log "passed"

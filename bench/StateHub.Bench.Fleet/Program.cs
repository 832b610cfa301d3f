using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

// Fleet generator (bench/README.md): loads a fleet straight into a State Hub database that the hub
// has already migrated, with binary COPY. Sizes are parameters, so a small run is quick:
//   --connection "Host=…" [--prefix fleet] [--repos 10000] [--tasks 1000000] [--changes 200000] [--events 2000000]
// Besides the fleet it creates <prefix>-big (50 workstreams × 20 open tasks, half of them blocked,
// a goal, pending interface changes, unread inbox) and <prefix>-small (1 workstream, 1 task), and
// prints the slugs and ids the benchmark reads, as `key=value` lines (bench/run.sh reads them).
var options = Args.Parse(args);
var random = new Random(42);
var now = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
await using var connection = new NpgsqlConnection(options.Connection);
await connection.OpenAsync();

var domainId = Guid.CreateVersion7();
await Copy("domains (id, slug, name, description, status, created_at, updated_at)", [domainId], async (w, id) =>
{
    await w.WriteAsync(id, NpgsqlDbType.Uuid);
    await w.WriteAsync(options.Prefix, NpgsqlDbType.Varchar);
    await w.WriteAsync($"Fleet {options.Prefix}", NpgsqlDbType.Varchar);
    await w.WriteNullAsync();
    await w.WriteAsync("active", NpgsqlDbType.Varchar);
    await Stamps(w, now);
});

// Repos: r0 is <prefix>-big, r1 is <prefix>-small, the rest are the fleet.
var repos = Enumerable.Range(0, options.Repos + 2).Select(i => (Id: Guid.CreateVersion7(), Slug: Slug(i))).ToArray();
await Copy("managed_repos (id, domain_id, slug, name, remote_url, git_fingerprint, description, status, host_paths, created_at, updated_at)", repos, async (w, r) =>
{
    await w.WriteAsync(r.Id, NpgsqlDbType.Uuid);
    await w.WriteAsync(domainId, NpgsqlDbType.Uuid);
    await w.WriteAsync(r.Slug, NpgsqlDbType.Varchar);
    await w.WriteAsync($"Repo {r.Slug}", NpgsqlDbType.Varchar);
    await w.WriteAsync($"https://example.com/{r.Slug}.git", NpgsqlDbType.Varchar);
    await w.WriteAsync(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000", NpgsqlDbType.Varchar);
    await w.WriteAsync($"Repo {r.Slug} of the generated fleet", NpgsqlDbType.Varchar);
    await w.WriteAsync("active", NpgsqlDbType.Varchar);
    await w.WriteAsync("{}", NpgsqlDbType.Jsonb);
    await Stamps(w, now);
});

await Copy("repo_goals (id, repo_id, title, description, priority, status, created_at, updated_at)", repos, async (w, r) =>
{
    await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
    await w.WriteAsync(r.Id, NpgsqlDbType.Uuid);
    await w.WriteAsync("Ship the next release", NpgsqlDbType.Varchar);
    await w.WriteNullAsync();
    await w.WriteAsync(1, NpgsqlDbType.Integer);
    await w.WriteAsync("active", NpgsqlDbType.Varchar);
    await Stamps(w, now);
});

// Workstreams of 20 tasks each: the big repo 50 (all active), the small one 1, the fleet the rest.
const int TasksPerWorkstream = 20;
var fleetWorkstreams = Math.Max(0, (options.Tasks - 51 * TasksPerWorkstream) / TasksPerWorkstream);
var workstreams = new List<(Guid Id, Guid RepoId, string Key, string Status, int Tasks)>();
for (var i = 0; i < 50; i++)
    workstreams.Add((Guid.CreateVersion7(), repos[0].Id, $"WP-{i:D3}", "active", TasksPerWorkstream));
workstreams.Add((Guid.CreateVersion7(), repos[1].Id, "WP-000", "active", 1));
for (var i = 0; i < fleetWorkstreams; i++)
    workstreams.Add((Guid.CreateVersion7(), repos[2 + i % options.Repos].Id, $"WP-{i / options.Repos:D3}", random.Next(10) < 6 ? "active" : "done", TasksPerWorkstream));
await Copy("workstreams (id, repo_id, key, title, status, created_at, updated_at)", workstreams, async (w, ws) =>
{
    await w.WriteAsync(ws.Id, NpgsqlDbType.Uuid);
    await w.WriteAsync(ws.RepoId, NpgsqlDbType.Uuid);
    await w.WriteAsync(ws.Key, NpgsqlDbType.Varchar);
    await w.WriteAsync($"Workstream {ws.Key}", NpgsqlDbType.Varchar);
    await w.WriteAsync(ws.Status, NpgsqlDbType.Varchar);
    await Stamps(w, now);
});

string[] fleetStatuses = ["done", "done", "done", "done", "done", "todo", "todo", "in_progress", "cancelled", "blocked"];
var tasks = workstreams.Select((ws, wi) => (ws, wi)).SelectMany(x => Enumerable.Range(0, x.ws.Tasks).Select(t =>
    (Id: Guid.CreateVersion7(), WorkstreamId: x.ws.Id, Key: $"T{t:D2}", Priority: 1 + t % 5,
     Status: x.wi <= 50 ? "todo" : x.ws.Status == "done" ? "done" : fleetStatuses[random.Next(fleetStatuses.Length)],
     NeedsHuman: t % 7 == 0, Created: now.AddSeconds(-x.wi * 100 - t)))).ToList();
await Copy("tasks (id, workstream_id, key, title, priority, status, needs_human, claim_token, created_at, updated_at)", tasks, async (w, t) =>
{
    await w.WriteAsync(t.Id, NpgsqlDbType.Uuid);
    await w.WriteAsync(t.WorkstreamId, NpgsqlDbType.Uuid);
    await w.WriteAsync(t.Key, NpgsqlDbType.Varchar);
    await w.WriteAsync($"Task {t.Key}", NpgsqlDbType.Varchar);
    await w.WriteAsync(t.Priority, NpgsqlDbType.Integer);
    await w.WriteAsync(t.Status, NpgsqlDbType.Varchar);
    await w.WriteAsync(t.NeedsHuman, NpgsqlDbType.Boolean);
    await w.WriteAsync(0L, NpgsqlDbType.Bigint);
    await Stamps(w, t.Created);
});

// In the big repo every other task waits for the one before it.
var bigTasks = tasks.Take(50 * TasksPerWorkstream).ToList();
var dependencies = Enumerable.Range(1, bigTasks.Count - 1).Where(i => i % 2 == 1).Select(i => (Task: bigTasks[i].Id, Blocker: bigTasks[i - 1].Id)).ToList();
await Copy("task_dependencies (id, task_id, blocked_by_task_id, created_at, updated_at)", dependencies, async (w, d) =>
{
    await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
    await w.WriteAsync(d.Task, NpgsqlDbType.Uuid);
    await w.WriteAsync(d.Blocker, NpgsqlDbType.Uuid);
    await Stamps(w, now);
});

// Interface changes: the first 10 published for the big repo; the rest between random fleet repos.
var changes = Enumerable.Range(0, options.Changes).Select(i =>
{
    var origin = repos[2 + random.Next(options.Repos)];
    var affected = i < 10 ? [repos[0].Slug] : new[] { repos[2 + random.Next(options.Repos)].Slug, repos[2 + random.Next(options.Repos)].Slug }.Distinct().ToArray();
    var status = i < 10 ? "published" : random.Next(10) switch { < 7 => "resolved", < 9 => "published", _ => "draft" };
    return (Id: Guid.CreateVersion7(), Origin: origin.Id, Affected: affected, Status: status, At: now.AddMinutes(-i));
}).ToList();
await Copy("interface_changes (id, origin_repo_id, title, change_type, interface_type, affected_repo_slugs, affected_paths, status, published_at, resolved_at, resolution_forced, created_at, updated_at)", changes, async (w, c) =>
{
    await w.WriteAsync(c.Id, NpgsqlDbType.Uuid);
    await w.WriteAsync(c.Origin, NpgsqlDbType.Uuid);
    await w.WriteAsync($"Change {c.Id:N}", NpgsqlDbType.Varchar);
    await w.WriteAsync("additive", NpgsqlDbType.Varchar);
    await w.WriteAsync("http_api", NpgsqlDbType.Varchar);
    await w.WriteAsync(c.Affected, NpgsqlDbType.Array | NpgsqlDbType.Text);
    await w.WriteAsync(new[] { "/api" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
    await w.WriteAsync(c.Status, NpgsqlDbType.Varchar);
    if (c.Status == "draft") await w.WriteNullAsync(); else await w.WriteAsync(c.At, NpgsqlDbType.TimestampTz);
    if (c.Status == "resolved") await w.WriteAsync(c.At.AddMinutes(1), NpgsqlDbType.TimestampTz); else await w.WriteNullAsync();
    await w.WriteAsync(false, NpgsqlDbType.Boolean);
    await Stamps(w, c.At);
});
var consumers = changes.Where(c => c.Status != "draft").SelectMany(c => c.Affected.Select(slug => (c.Id, Slug: slug, Status: c.Status == "resolved" ? "migrated" : "notified"))).ToList();
await Copy("interface_change_consumers (interface_change_id, repo_slug, status, updated_at)", consumers, async (w, c) =>
{
    await w.WriteAsync(c.Id, NpgsqlDbType.Uuid);
    await w.WriteAsync(c.Slug, NpgsqlDbType.Varchar);
    await w.WriteAsync(c.Status, NpgsqlDbType.Varchar);
    await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
});
await Copy("inbox_messages (id, repo_id, kind, subject, body, interface_change_id, created_at, updated_at)", changes.Take(10).ToList(), async (w, c) =>
{
    await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
    await w.WriteAsync(repos[0].Id, NpgsqlDbType.Uuid);
    await w.WriteAsync("interface_change.published", NpgsqlDbType.Varchar);
    await w.WriteAsync($"Change {c.Id:N}", NpgsqlDbType.Varchar);
    await w.WriteAsync("body", NpgsqlDbType.Text);
    await w.WriteAsync(c.Id, NpgsqlDbType.Uuid);
    await Stamps(w, now);
});

// Progress events, streamed (2M rows do not need to sit in memory).
await Copy("progress_events (id, repo_id, kind, summary, data, created_at, updated_at)", Enumerable.Range(0, options.Events), async (w, i) =>
{
    await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
    await w.WriteAsync(repos[2 + i % options.Repos].Id, NpgsqlDbType.Uuid);
    await w.WriteAsync("note", NpgsqlDbType.Varchar);
    await w.WriteAsync($"Event {i}", NpgsqlDbType.Varchar);
    await w.WriteAsync("{}", NpgsqlDbType.Jsonb);
    await Stamps(w, now.AddSeconds(-i));
});

await using (var analyze = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 0 })
    await analyze.ExecuteNonQueryAsync();
Console.Error.WriteLine($"Loaded in {clock.Elapsed.TotalSeconds:F0} s.");

Console.WriteLine($"big_slug={repos[0].Slug}");
Console.WriteLine($"small_slug={repos[1].Slug}");
Console.WriteLine($"repo_slug={repos[2 + options.Repos / 2].Slug}");
Console.WriteLine($"task_id={bigTasks[1].Id}");
Console.WriteLine($"change_id={changes.FirstOrDefault().Id}");
Console.WriteLine($"workstream_id={workstreams[Math.Min(51, workstreams.Count - 1)].Id}");
return 0;

string Slug(int i) => i switch { 0 => $"{options.Prefix}-big", 1 => $"{options.Prefix}-small", _ => $"{options.Prefix}-r{i - 2:D5}" };

static async Task Stamps(NpgsqlBinaryImporter w, DateTimeOffset at)
{
    await w.WriteAsync(at, NpgsqlDbType.TimestampTz);
    await w.WriteAsync(at, NpgsqlDbType.TimestampTz);
}

async Task Copy<T>(string target, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, Task> write)
{
    var started = clock.Elapsed;
    var count = 0;
    await using (var importer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)"))
    {
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            await write(importer, row);
            count++;
        }
        await importer.CompleteAsync();
    }
    Console.Error.WriteLine($"{target[..target.IndexOf(' ')],-28} {count,10:N0} rows in {(clock.Elapsed - started).TotalSeconds,6:F1} s");
}

internal sealed record Args(string Connection, string Prefix, int Repos, int Tasks, int Changes, int Events)
{
    public static Args Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var connection = Get("--connection", Environment.GetEnvironmentVariable("ConnectionStrings__StateHub") ?? "");
        if (connection.Length == 0)
            throw new ArgumentException("--connection (or ConnectionStrings__StateHub) is required.");
        return new Args(connection, Get("--prefix", "fleet"), Math.Max(1, int.Parse(Get("--repos", "10000"))),
            int.Parse(Get("--tasks", "1000000")), int.Parse(Get("--changes", "200000")), int.Parse(Get("--events", "2000000")));
    }
}

using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StateHub.Domain.Events;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Work;
using StateHub.WebApi.FunctionalTests.Infrastructure;
using StateHub.WebApi.FunctionalTests.Work;

namespace StateHub.WebApi.FunctionalTests.Performance;

/// <summary>
/// Every statement of the hot reads (dispatch, the single reads, the first page of the lists) has
/// an index to use on every table it reads: each recorded command is EXPLAINed, with its own
/// parameters, with sequential scans priced out (<c>enable_seqscan = off</c>), so a plan that still
/// scans a table sequentially means no index can serve that filter. At a few thousand rows the
/// planner's own choice would be a seq scan anyway; what this pins is that the index exists and
/// matches the statement (the large-fleet latencies are bench/run.sh's business).
/// </summary>
public sealed class HotQueryPlanTests : WorkFunctionalTestBase
{
    private Guid _taskId;
    private Guid _changeId;

    [SetUp]
    public async Task ArrangeModerateFleet()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("hot");
        for (var r = 0; r < 20; r++)
            await RegisterRepoAsync($"cold-{r:D2}");
        await WithDbAsync(async db =>
        {
            var repos = db.Repos.ToDictionary(r => r.Slug, r => r.Id);
            var now = Factory.Clock.GetUtcNow();
            WorkTask? previous = null;
            foreach (var (slug, repoId) in repos)
            {
                for (var w = 0; w < 10; w++)
                {
                    var workstream = Workstream.Create(repoId, $"WP-{w:D2}", $"Workstream {w}");
                    db.Workstreams.Add(workstream);
                    for (var t = 0; t < 20; t++)
                    {
                        var task = WorkTask.Create(workstream.Id, $"T{t:D2}", $"Task {t}", priority: 1 + (t % 5));
                        db.Tasks.Add(task);
                        if (slug == "hot" && previous is not null && t % 2 == 1)
                            db.TaskDependencies.Add(TaskDependency.OnTask(task.Id, previous.Id));
                        previous = task;
                    }
                }

                db.Goals.Add(RepoGoal.Create(repoId, "Goal", null, 1));
                for (var e = 0; e < 50; e++)
                    db.ProgressEvents.Add(ProgressEvent.Create(repoId, "note", $"Event {e}", "{}"));
            }

            for (var c = 0; c < 200; c++)
            {
                var change = InterfaceChange.Draft(repos[$"cold-{c % 20:D2}"], $"Change {c}", null, ChangeType.Additive, InterfaceType.Library,
                    [c % 10 == 0 ? "hot" : $"cold-{(c + 1) % 20:D2}"], ["src/"], null);
                change.Publish(now.AddMinutes(c));
                db.InterfaceChanges.Add(change);
            }

            await db.SaveChangesAsync();
            _taskId = previous!.Id;
            _changeId = db.InterfaceChanges.OrderBy(c => c.Title).Select(c => c.Id).First();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        });
    }

    [TestCase("/repos/hot/dispatch")]
    [TestCase("/repos/hot")]
    [TestCase("/tasks/{task}")]
    [TestCase("/interface-changes/{change}")]
    [TestCase("/repos/?limit=20")]
    [TestCase("/interface-changes?limit=20")]
    [TestCase("/interface-changes?affected=hot&limit=20")]
    [TestCase("/repos/hot/events?limit=20")]
    [TestCase("/repos/hot/goals?limit=20")]
    [TestCase("/repos/hot/inbox?limit=20")]
    public async Task HotRead_EveryStatement_HasAnIndexForEveryTable(string template)
    {
        var url = template.Replace("{task}", _taskId.ToString()).Replace("{change}", _changeId.ToString());
        IReadOnlyList<RecordedCommand> commands;
        using (Factory.SqlCounter.Record())
            await GetOkAsync(url);
        commands = Factory.SqlCounter.Commands;
        Assert.That(commands, Is.Not.Empty);

        var scans = (await ExplainAsync(commands, "SET enable_seqscan = off"))
            .SelectMany(explained => QueryPlans.SeqScans(explained.Plan).Select(table => $"{table} in:\n{explained.Statement}"))
            .ToList();

        Assert.That(scans, Is.Empty, string.Join("\n---\n", scans));
    }

    /// <summary>
    /// Readiness reads each task's unfinished blockers once, in its lateral join, and "ready" is that row having
    /// no blocker. A second subquery over the blockers in the select list is a SubPlan, which PostgreSQL may run
    /// hashed (a pass over every dependency and interface change of the fleet, even for a repo with one open
    /// task: 6 ms of the small repo's dispatch at 200 repos), depending on the data; so whatever the data, the
    /// readiness statement has no SubPlan at all.
    /// </summary>
    [TestCase("/repos/hot/dispatch")]
    [TestCase("/tasks/{task}")]
    public async Task Readiness_ReadsTheBlockersOnce_NoSubPlan(string template)
    {
        var url = template.Replace("{task}", _taskId.ToString());
        using (Factory.SqlCounter.Record())
            await GetOkAsync(url);
        var commands = Factory.SqlCounter.Commands;

        var readiness = await ExplainAsync(commands, include: statement => statement.Contains("task_dependencies", StringComparison.Ordinal));
        var subPlans = readiness
            .SelectMany(explained => QueryPlans.SubPlans(explained.Plan).Select(subPlan => $"{subPlan} in:\n{explained.Statement}"))
            .ToList();

        Assert.That(readiness, Has.Count.EqualTo(1), "one readiness statement");
        Assert.That(subPlans, Is.Empty, string.Join("\n---\n", subPlans));
    }

    /// <summary>
    /// An index that exists is not enough when the planner can only walk all of it: the lists' first pages must
    /// read their rows in order off the index that matches their ORDER BY (else 10,000 repos or 200,000
    /// interface changes are sorted for 50 rows), and readiness must look up a task's blockers by task id
    /// (the partial unique indexes cannot serve that). Sorting and sequential scans are priced out, so the
    /// plan names the index exactly when it matches the statement.
    /// </summary>
    [TestCase("/repos/?limit=20", "ix_managed_repos_lower_name_name_slug")]
    [TestCase("/interface-changes?limit=20", "ix_interface_changes_created_at_id")]
    [TestCase("/tasks/{task}", "ix_task_dependencies_task_id")]
    // The lists of every status, not only the partial indexes of active goals and unread messages.
    [TestCase("/repos/hot/goals?limit=20", "ix_repo_goals_repo_id_priority_created_at")]
    [TestCase("/repos/hot/inbox?limit=20", "ix_inbox_messages_repo_id_created_at")]
    // Warm and unchanged, the summary is the change log's check alone, a range of its primary key (the log is never emptied by tests).
    [TestCase("/repos/doi/summary", "pk_doi_input_changes")]
    public async Task HotRead_UsesTheIndexMadeForIt(string template, string index)
    {
        var url = template.Replace("{task}", _taskId.ToString()).Replace("{change}", _changeId.ToString());
        await GetOkAsync(url);
        await GetOkAsync(url);
        using (Factory.SqlCounter.Record())
            await GetOkAsync(url);
        var commands = Factory.SqlCounter.Commands;
        Assert.That(commands, Is.Not.Empty);

        var used = (await ExplainAsync(commands, "SET enable_seqscan = off; SET enable_sort = off"))
            .SelectMany(explained => QueryPlans.Indexes(explained.Plan))
            .ToList();

        Assert.That(used, Does.Contain(index), $"indexes used: {string.Join(", ", used.Distinct())}");
    }

    /// <summary>
    /// <c>EXPLAIN (FORMAT JSON)</c> of every statement the commands sent (a command may carry several,
    /// one per line ending in ';') that <paramref name="include"/> keeps, with the parameters it used,
    /// on a fresh connection after <paramref name="settings"/>.
    /// </summary>
    private static async Task<List<(string Statement, JsonNode Plan)>> ExplainAsync(
        IReadOnlyList<RecordedCommand> commands, string? settings = null, Func<string, bool>? include = null)
    {
        var plans = new List<(string Statement, JsonNode Plan)>();
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        if (settings is not null)
        {
            await using var set = new NpgsqlCommand(settings, connection);
            await set.ExecuteNonQueryAsync();
        }

        foreach (var command in commands)
        {
            foreach (var statement in command.Text.Split(";\n").Select(s => s.Trim()).Where(s => s.Length > 0 && (include is null || include(s))))
            {
                await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + statement, connection);
                foreach (var (name, value) in command.Parameters)
                    if (statement.Contains(name, StringComparison.Ordinal))
                        explain.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
                plans.Add((statement, JsonNode.Parse((string)(await explain.ExecuteScalarAsync())!)!));
            }
        }

        return plans;
    }
}

using StateHub.Domain.Inbox;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Work;
using StateHub.WebApi.FunctionalTests.Work;

namespace StateHub.WebApi.FunctionalTests.Dispatch;

/// <summary>
/// Dispatch answers in a constant number of round trips (at most two; one command carrying its
/// statements): the Python service issued one query per workstream, which a repo with many
/// workplans turned into dozens of round trips. Each command the interceptor sees is one round trip.
/// </summary>
public sealed class DispatchStatementCountTests : WorkFunctionalTestBase
{
    private const int MaxRoundTrips = 2;

    [SetUp]
    public async Task ArrangeSmallAndLargeRepos()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("small");
        await RegisterRepoAsync("large");
        await WithDbAsync(async db =>
        {
            var small = db.Repos.Single(r => r.Slug == "small").Id;
            var large = db.Repos.Single(r => r.Slug == "large").Id;
            var now = Factory.Clock.GetUtcNow();

            var one = Workstream.Create(small, "WP-1", "Only one");
            db.Workstreams.Add(one);
            db.Tasks.Add(WorkTask.Create(one.Id, "T01", "Only task"));
            db.Goals.Add(RepoGoal.Create(small, "Goal", null, 1));

            WorkTask? previous = null;
            for (var w = 1; w <= 50; w++)
            {
                var workstream = Workstream.Create(large, $"WP-{w:D2}", $"Workstream {w}");
                db.Workstreams.Add(workstream);
                for (var t = 1; t <= 20; t++)
                {
                    var task = WorkTask.Create(workstream.Id, $"T{t:D2}", $"Task {t}", priority: 1 + (t % 5), needsHuman: t % 7 == 0);
                    db.Tasks.Add(task);
                    // Every other task waits for the one before it, so half the tasks are blocked.
                    if (previous is not null && t % 2 == 0)
                        db.TaskDependencies.Add(TaskDependency.OnTask(task.Id, previous.Id));
                    previous = task;
                }
            }

            for (var g = 1; g <= 10; g++)
                db.Goals.Add(RepoGoal.Create(large, $"Goal {g}", null, g));
            for (var c = 1; c <= 10; c++)
            {
                var change = InterfaceChange.Draft(small, $"Change {c}", null, ChangeType.Additive, InterfaceType.Library, ["large"], ["src/"], null);
                change.Publish(now.AddMinutes(c));
                db.InterfaceChanges.Add(change);
                db.InboxMessages.Add(InboxMessage.Create(large, InboxMessage.InterfaceChangePublishedKind, $"Change {c}", "body", change.Id));
            }

            await db.SaveChangesAsync();
        });
    }

    [Test]
    public async Task GetRepoDispatch_OneOrFiftyWorkstreams_AnswersInAtMostTwoRoundTrips()
    {
        var (small, smallStatements) = await DispatchCountingAsync("small");
        var (large, largeStatements) = await DispatchCountingAsync("large");

        Assert.That(small["active_workstreams"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(large["active_workstreams"]!.AsArray(), Has.Count.EqualTo(50));
        Assert.That(large["active_workstreams"]!.AsArray().All(w => w!["pending_tasks"]!.AsArray().Count == 20), Is.True);
        Assert.That(large["human_interventions"]!.AsArray(), Has.Count.EqualTo(50 * 2));
        Assert.That(large["pending_interface_changes"]!.AsArray(), Has.Count.EqualTo(10));
        Assert.That(large["unread_inbox_count"]!.GetValue<int>(), Is.EqualTo(10));
        var pending = large["active_workstreams"]!.AsArray().SelectMany(w => w!["pending_tasks"]!.AsArray()).ToList();
        Assert.That(pending.Count(t => t!["blocked_by"]!.AsArray().Count == 1), Is.EqualTo(50 * 10));
        Assert.That(pending.Count(t => t!["ready"]!.GetValue<bool>()), Is.EqualTo(50 * 10));
        Assert.That(large["next_task"], Is.Not.Null);
        Assert.That(small["next_task"]!["key"]!.GetValue<string>(), Is.EqualTo("T01"));

        Assert.That(largeStatements, Has.Count.EqualTo(smallStatements.Count),
            "dispatch must not issue a statement per workstream:\n" + string.Join("\n---\n", largeStatements));
        Assert.That(smallStatements, Has.Count.LessThanOrEqualTo(MaxRoundTrips), string.Join("\n---\n", smallStatements));
        Assert.That(largeStatements, Has.Count.LessThanOrEqualTo(MaxRoundTrips), string.Join("\n---\n", largeStatements));
    }

    [Test]
    public async Task GetRepoDispatch_Statements_UseIndexFriendlyFilters()
    {
        var (_, statements) = await DispatchCountingAsync("large");

        // A FirstOrDefault over a child collection becomes ROW_NUMBER() over every row of the table.
        Assert.That(statements, Has.None.Contains("ROW_NUMBER"), string.Join("\n---\n", statements));
        // Array containment the GIN index on affected_repo_slugs can serve, not `= ANY(...)`.
        Assert.That(statements, Has.Some.Contains("@>"), string.Join("\n---\n", statements));
    }

    [Test]
    public async Task GetRepoDispatch_UnknownRepo_AnswersNotFoundInOneRoundTrip()
    {
        using (Factory.SqlCounter.Record())
        {
            var response = await Client.GetAsync("/repos/nowhere/dispatch");
            Assert.That((int)response.StatusCode, Is.EqualTo(404));
        }

        Assert.That(Factory.SqlCounter.Statements, Has.Count.LessThanOrEqualTo(MaxRoundTrips));
    }

    private async Task<(System.Text.Json.Nodes.JsonNode Dispatch, IReadOnlyList<string> Statements)> DispatchCountingAsync(string slug)
    {
        System.Text.Json.Nodes.JsonNode dispatch;
        using (Factory.SqlCounter.Record())
            dispatch = await GetOkAsync($"/repos/{slug}/dispatch");
        return (dispatch, Factory.SqlCounter.Statements);
    }
}

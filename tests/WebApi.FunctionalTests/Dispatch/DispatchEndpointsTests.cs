using System.Net;
using StateHub.Domain.Inbox;
using StateHub.Domain.InterfaceChanges;
using StateHub.WebApi.FunctionalTests.Work;

namespace StateHub.WebApi.FunctionalTests.Dispatch;

public sealed class DispatchEndpointsTests : WorkFunctionalTestBase
{
    [SetUp]
    public async Task CreateRepo()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("app");
    }

    [Test]
    public async Task GetRepoDispatch_UnknownRepo_Returns404()
    {
        var problem = await AssertProblemAsync(await Client.GetAsync("/repos/nope/dispatch"), HttpStatusCode.NotFound);

        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Repo 'nope' not found"));
    }

    [Test]
    public async Task GetRepoDispatch_EmptyRepo_ReturnsExactlyTheSpecShape()
    {
        var dispatch = await GetOkAsync("/repos/app/dispatch/");

        Assert.That(Keys(dispatch), Is.EqualTo(new[]
        {
            "active_goal", "active_workstreams", "human_interventions", "last_state_synced_at",
            "next_task", "pending_interface_changes", "repo_slug", "unread_inbox_count",
        }));
        Assert.That(dispatch["repo_slug"]!.GetValue<string>(), Is.EqualTo("app"));
        Assert.That(dispatch["active_goal"], Is.Null);
        Assert.That(dispatch["active_workstreams"]!.AsArray(), Is.Empty);
        Assert.That(dispatch["human_interventions"]!.AsArray(), Is.Empty);
        Assert.That(dispatch["pending_interface_changes"]!.AsArray(), Is.Empty);
        Assert.That(dispatch["unread_inbox_count"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(dispatch["last_state_synced_at"], Is.Null);
    }

    [Test]
    public async Task GetRepoDispatch_Goals_ShowsMostUrgentActiveOldestFirst()
    {
        await CreateGoalAsync("app", "less urgent", 2);
        await CreateGoalAsync("app", "achieved already", 1, status: "achieved");
        await CreateGoalAsync("app", "urgent", 1, description: "the one");
        await CreateGoalAsync("app", "urgent but newer", 1);
        await RegisterRepoAsync("other");
        await CreateGoalAsync("other", "someone else's", 1);

        var goal = (await GetOkAsync("/repos/app/dispatch"))["active_goal"];

        Assert.That(Keys(goal), Is.EqualTo(new[] { "description", "id", "priority", "title" }));
        Assert.That(goal!["title"]!.GetValue<string>(), Is.EqualTo("urgent"));
        Assert.That(goal["description"]!.GetValue<string>(), Is.EqualTo("the one"));
        Assert.That(goal["priority"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task GetRepoDispatch_OnlyInactiveGoals_ActiveGoalIsNull()
    {
        var goal = await CreateGoalAsync("app", "done", 1);
        await SendOkAsync(HttpMethod.Patch, $"/goals/{Id(goal)}", new { status = "abandoned" });

        var dispatch = await GetOkAsync("/repos/app/dispatch");

        Assert.That(dispatch["active_goal"], Is.Null);
    }

    [Test]
    public async Task GetRepoDispatch_Workstreams_ListsActiveOnesByCreation()
    {
        await CreateWorkstreamAsync("app", "WP-2");
        await CreateWorkstreamAsync("app", "WP-PAUSED", status: "paused");
        await CreateWorkstreamAsync("app", "WP-1");
        await CreateWorkstreamAsync("app", "WP-DONE", status: "done");
        await CreateWorkstreamAsync("app", "WP-ARCHIVED", status: "archived");
        var later = await CreateWorkstreamAsync("app", "WP-3");
        await SendOkAsync(HttpMethod.Patch, $"/workstreams/{Id(later)}", new { status = "paused" });

        var workstreams = (await GetOkAsync("/repos/app/dispatch"))["active_workstreams"];

        Assert.That(Values(workstreams, "key"), Is.EqualTo(new[] { "WP-2", "WP-1" }));
        Assert.That(Keys(workstreams![0]), Is.EqualTo(new[] { "id", "key", "pending_tasks", "status", "title" }));
        Assert.That(workstreams[0]!["status"]!.GetValue<string>(), Is.EqualTo("active"));
    }

    [Test]
    public async Task GetRepoDispatch_PendingTasks_AreTodoAndInProgressByPriorityThenCreation()
    {
        var ws = await CreateWorkstreamAsync("app", "WP-1");
        await CreateTaskAsync(ws, "T-P3-OLD", priority: 3);
        await CreateTaskAsync(ws, "T-DONE", priority: 1, status: "done");
        await CreateTaskAsync(ws, "T-P1", priority: 1, status: "in_progress");
        await CreateTaskAsync(ws, "T-CANCELLED", priority: 1, status: "cancelled");
        await CreateTaskAsync(ws, "T-BLOCKED", priority: 1, status: "blocked");
        await CreateTaskAsync(ws, "T-P3-NEW", priority: 3);
        await CreateTaskAsync(ws, "T-P2", priority: 2);
        var finished = await CreateTaskAsync(ws, "T-FINISHED-LATER", priority: 1);
        await SendOkAsync(HttpMethod.Patch, $"/tasks/{Id(finished)}", new { status = "done" });

        var tasks = (await GetOkAsync("/repos/app/dispatch"))["active_workstreams"]![0]!["pending_tasks"];

        Assert.That(Values(tasks, "key"), Is.EqualTo(new[] { "T-P1", "T-P2", "T-P3-OLD", "T-P3-NEW" }));
        Assert.That(Keys(tasks![0]), Is.EqualTo(new[] { "blocked_by", "claim_expires_at", "claimed_by", "id", "key", "needs_human", "priority", "ready", "status", "title", "workstream_key" }));
        Assert.That(tasks[0]!["status"]!.GetValue<string>(), Is.EqualTo("in_progress"));
        Assert.That(tasks[0]!["priority"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(tasks[0]!["needs_human"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task GetRepoDispatch_NeedsHumanTasks_AreListedAsInterventionsByPriorityThenCreation()
    {
        var first = await CreateWorkstreamAsync("app", "WP-1");
        var second = await CreateWorkstreamAsync("app", "WP-2");
        var paused = await CreateWorkstreamAsync("app", "WP-PAUSED", status: "paused");
        await CreateTaskAsync(first, "A-P2", priority: 2, needsHuman: true);
        await CreateTaskAsync(first, "A-AGENT", priority: 1);
        await CreateTaskAsync(second, "B-P1", priority: 1, needsHuman: true, status: "in_progress");
        await CreateTaskAsync(second, "B-DONE", priority: 1, needsHuman: true, status: "done");
        await CreateTaskAsync(first, "A-P2-NEWER", priority: 2, needsHuman: true);
        await CreateTaskAsync(paused, "P-P1", priority: 1, needsHuman: true);

        var dispatch = await GetOkAsync("/repos/app/dispatch");

        var interventions = dispatch["human_interventions"];
        Assert.That(Values(interventions, "key"), Is.EqualTo(new[] { "B-P1", "A-P2", "A-P2-NEWER" }));
        Assert.That(Keys(interventions![0]), Is.EqualTo(new[] { "blocked_by", "claim_expires_at", "claimed_by", "id", "key", "needs_human", "priority", "ready", "status", "title", "workstream_key" }));
        Assert.That(interventions.AsArray().All(t => t!["needs_human"]!.GetValue<bool>()), Is.True);
        Assert.That(Values(dispatch["active_workstreams"]![0]!["pending_tasks"], "key"), Is.EqualTo(new[] { "A-AGENT", "A-P2", "A-P2-NEWER" }));
    }

    [Test]
    public async Task GetRepoDispatch_InterfaceChanges_ListsPublishedOnesAffectingTheRepoNewestFirst()
    {
        await RegisterRepoAsync("origin");
        await RegisterRepoAsync("bystander");
        var baseTime = Factory.Clock.GetUtcNow();
        await WithDbAsync(async db =>
        {
            var originId = db.Repos.Single(r => r.Slug == "origin").Id;
            InterfaceChange Change(string title, params string[] affected) => InterfaceChange.Draft(
                originId, title, "why", ChangeType.Breaking, InterfaceType.HttpApi, affected, ["/repos/", "/domains/"], new DateOnly(2026, 12, 1));

            var older = Change("older", "app", "bystander");
            older.Publish(baseTime.AddHours(1));
            var newer = Change("newer", "app");
            newer.Publish(baseTime.AddHours(2));
            var draft = Change("still a draft", "app");
            var resolved = Change("resolved", "app");
            resolved.Publish(baseTime.AddHours(3));
            resolved.Resolve("done", baseTime.AddHours(4), force: true);
            var elsewhere = Change("affects others only", "bystander");
            elsewhere.Publish(baseTime.AddHours(5));
            db.InterfaceChanges.AddRange(older, newer, draft, resolved, elsewhere);
            await db.SaveChangesAsync();
        });

        var changes = (await GetOkAsync("/repos/app/dispatch"))["pending_interface_changes"];

        Assert.That(Values(changes, "title"), Is.EqualTo(new[] { "newer", "older" }));
        var first = changes![0]!;
        Assert.That(Keys(first), Is.EqualTo(new[]
        {
            "affected_paths", "change_type", "id", "interface_type", "my_status", "origin_repo_slug", "planned_for", "published_at", "title",
        }));
        Assert.That(first["change_type"]!.GetValue<string>(), Is.EqualTo("breaking"));
        Assert.That(first["interface_type"]!.GetValue<string>(), Is.EqualTo("http_api"));
        Assert.That(first["origin_repo_slug"]!.GetValue<string>(), Is.EqualTo("origin"));
        Assert.That(first["affected_paths"]!.AsArray().Select(p => p!.GetValue<string>()), Is.EqualTo(new[] { "/repos/", "/domains/" }));
        Assert.That(first["planned_for"]!.GetValue<string>(), Is.EqualTo("2026-12-01"));
        Assert.That(first["published_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(baseTime.AddHours(2)));

        var bystander = (await GetOkAsync("/repos/bystander/dispatch"))["pending_interface_changes"];
        Assert.That(Values(bystander, "title"), Is.EqualTo(new[] { "affects others only", "older" }));
        var origin = (await GetOkAsync("/repos/origin/dispatch"))["pending_interface_changes"];
        Assert.That(origin!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task GetRepoDispatch_Inbox_CountsUnreadMessagesOfThisRepoOnly()
    {
        await RegisterRepoAsync("other");
        await WithDbAsync(async db =>
        {
            var appId = db.Repos.Single(r => r.Slug == "app").Id;
            var otherId = db.Repos.Single(r => r.Slug == "other").Id;
            var read = InboxMessage.Create(appId, "note", "read one", "body");
            read.MarkRead(Factory.Clock.GetUtcNow());
            db.InboxMessages.AddRange(
                InboxMessage.Create(appId, "note", "unread one", "body"),
                InboxMessage.Create(appId, "note", "unread two", "body"),
                read,
                InboxMessage.Create(otherId, "note", "not ours", "body"));
            await db.SaveChangesAsync();
        });

        var dispatch = await GetOkAsync("/repos/app/dispatch");

        Assert.That(dispatch["unread_inbox_count"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task GetRepoDispatch_SyncedRepo_ShowsLastStateSyncedAt()
    {
        var syncedAt = new DateTimeOffset(2026, 11, 1, 17, 30, 0, TimeSpan.Zero);
        await WithDbAsync(async db =>
        {
            db.Repos.Single(r => r.Slug == "app").MarkStateSynced(syncedAt);
            await db.SaveChangesAsync();
        });

        var dispatch = await GetOkAsync("/repos/app/dispatch");

        Assert.That(dispatch["last_state_synced_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(syncedAt));
    }
}

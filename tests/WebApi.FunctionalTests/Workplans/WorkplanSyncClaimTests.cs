using System.Net;
using StateHub.TestKit;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Workplans;

/// <summary>
/// Sync against claims (§6 with §13). Agents claim through the hub and write the workplan file
/// later, so a file that still says todo never takes a claim back (two agents would end up on one
/// task); a file that moves the task on (done, blocked, cancelled) ends the claim; and a sync
/// racing a claim never leaves a claim on a task it moved.
/// </summary>
public sealed class WorkplanSyncClaimTests : FunctionalTestBase
{
    private const string Slug = "claimed-plans";

    private static string Plan(string status, string second = "todo") => $"""
        ---
        id: WP-1
        title: Work
        status: active
        tasks:
          - id: T01
            title: First task
            status: {status}
          - id: T02
            title: Second task
            status: {second}
        ---
        """;

    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync(Slug);
    }

    private Task<System.Text.Json.Nodes.JsonNode> SyncAsync(string status, bool fix = true) =>
        SendOkAsync(HttpMethod.Post, $"/repos/{Slug}/sync?fix={(fix ? "true" : "false")}",
            new { files = new[] { new { path = "workplans/wp-1.md", content = Plan(status) } } });

    [Test]
    public async Task Sync_FileStillSaysTodo_TheClaimStays()
    {
        await SyncAsync("todo");
        var claimed = await SendOkAsync(HttpMethod.Post, $"/repos/{Slug}/claim-next", new { claimant = "agent-a", ttl_seconds = 600 });

        var check = await SyncAsync("todo", fix: false);
        Assert.That(check["in_sync"]!.GetValue<bool>(), Is.True, check.ToJsonString());
        var fixedReport = await SyncAsync("todo");
        Assert.That(fixedReport["changes"]!.AsArray(), Is.Empty, fixedReport.ToJsonString());

        var task = await GetOkAsync($"/tasks/{claimed["id"]}");
        Assert.That(task["status"]!.GetValue<string>(), Is.EqualTo("in_progress"));
        Assert.That(task["claimed_by"]!.GetValue<string>(), Is.EqualTo("agent-a"));
        // The other agent gets the other task, never this one.
        var next = await SendOkAsync(HttpMethod.Post, $"/repos/{Slug}/claim-next", new { claimant = "agent-b", ttl_seconds = 600 });
        Assert.That(next["id"]!.GetValue<string>(), Is.Not.EqualTo(claimed["id"]!.GetValue<string>()));
    }

    [TestCase("done")]
    [TestCase("cancelled")]
    public async Task Sync_FileMovesAClaimedTaskOn_TheClaimEnds(string status)
    {
        await SyncAsync("todo");
        var t01 = await TaskAsync("T01");
        var claimed = await SendOkAsync(HttpMethod.Post, $"/tasks/{t01["id"]}/claim", new { claimant = "agent-a", ttl_seconds = 600 });

        await SyncAsync(status);

        var task = await GetOkAsync($"/tasks/{claimed["id"]}");
        Assert.That(task["status"]!.GetValue<string>(), Is.EqualTo(status));
        Assert.That(task["claimed_by"], Is.Null, task.ToJsonString());
    }

    /// <summary>A lapsed claim that a sync ends (the file says done) is announced, as the sweep would have.</summary>
    [Test]
    public async Task Sync_FileMovesATaskWhoseClaimLapsed_TheRepoHearsOfTheLapse()
    {
        await SyncAsync("todo");
        var t01 = await TaskAsync("T01");
        await SendOkAsync(HttpMethod.Post, $"/tasks/{t01["id"]}/claim", new { claimant = "agent-a", ttl_seconds = 30 });
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));

        await SyncAsync("done");

        var lapses = (await GetOkAsync($"/repos/{Slug}/events")).AsArray().Where(e => e!["kind"]!.GetValue<string>() == "task_claim_expired").ToList();
        Assert.That(lapses, Has.Count.EqualTo(1));
        Assert.That(lapses[0]!["summary"]!.GetValue<string>(), Does.Contain("'agent-a'").And.Contain("the task is done now"));
        var task = await GetOkAsync($"/tasks/{t01["id"]}");
        Assert.That(task["status"]!.GetValue<string>(), Is.EqualTo("done"));
        Assert.That(task["claimed_by"], Is.Null);
    }

    /// <summary>
    /// The claim and the sync both wait on the task's row, which the test holds; the claim is
    /// first in line. The sync had read the task as todo before the claim; it must see the claim
    /// before it moves the task to done, or it writes done next to a live claim (a state claims,
    /// releases and the sweep all refuse to touch).
    /// </summary>
    [Test]
    public async Task Sync_RacingAClaim_NeverLeavesAClaimOnAFinishedTask()
    {
        await SyncAsync("todo");
        var t01 = await TaskAsync("T01");

        Task<HttpResponseMessage> claim, sync;
        await using (var barrier = await RowLockBarrier.HoldRowAsync("tasks", Guid.Parse(t01["id"]!.GetValue<string>())))
        {
            claim = Client.PostAsync($"/tasks/{t01["id"]}/claim", Json(new { claimant = "agent-b", ttl_seconds = 600 }));
            await barrier.WaitForWaitersAsync(1);
            sync = Client.PostAsync($"/repos/{Slug}/sync?fix=true", Json(new { files = new[] { new { path = "workplans/wp-1.md", content = Plan("done") } } }));
            await barrier.WaitForWaitersAsync(2);
            await barrier.ReleaseAsync();
            await Task.WhenAll(claim, sync);
        }

        Assert.That(claim.Result.StatusCode, Is.EqualTo(HttpStatusCode.OK), await claim.Result.Content.ReadAsStringAsync());
        Assert.That(sync.Result.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sync.Result.Content.ReadAsStringAsync());
        var task = await GetOkAsync($"/tasks/{t01["id"]}");
        Assert.That(task["status"]!.GetValue<string>(), Is.EqualTo("done"), "the files are the source of truth");
        Assert.That(task["claimed_by"], Is.Null, task.ToJsonString());
        Assert.That(task["claim_expires_at"], Is.Null, task.ToJsonString());
    }

    private async Task<System.Text.Json.Nodes.JsonNode> TaskAsync(string key) =>
        (await GetOkAsync($"/repos/{Slug}/dispatch"))["active_workstreams"]![0]!["pending_tasks"]!.AsArray()
            .Single(t => t!["key"]!.GetValue<string>() == key)!;
}

using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Workplans;

/// <summary>A sync that moves a claimed task out of in_progress ends its claim (§6 with §13).</summary>
public sealed class WorkplanSyncClaimTests : FunctionalTestBase
{
    private const string Slug = "claimed-plans";

    private static string Plan(string status) => $"""
        ---
        id: WP-1
        title: Work
        status: active
        tasks:
          - id: T01
            title: Only task
            status: {status}
        ---
        """;

    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync(Slug);
    }

    private Task SyncAsync(string status) =>
        SendOkAsync(HttpMethod.Post, $"/repos/{Slug}/sync?fix=true",
            new { files = new[] { new { path = "workplans/wp-1.md", content = Plan(status) } } });

    [TestCase("todo")]
    [TestCase("done")]
    public async Task Sync_MovesAClaimedTaskOutOfInProgress_TheClaimEnds(string status)
    {
        await SyncAsync("todo");
        var claimed = await SendOkAsync(HttpMethod.Post, $"/repos/{Slug}/claim-next", new { claimant = "agent-a", ttl_seconds = 600 });
        Assert.That(claimed["claimed_by"]!.GetValue<string>(), Is.EqualTo("agent-a"));

        await SyncAsync(status);

        var task = await GetOkAsync($"/tasks/{claimed["id"]}");
        Assert.That(task["status"]!.GetValue<string>(), Is.EqualTo(status));
        Assert.That(task["claimed_by"], Is.Null, task.ToJsonString());
        if (status == "todo")
        {
            // Free again: the next agent gets it, instead of a 409 for a claim that no longer means anything.
            var next = await SendOkAsync(HttpMethod.Post, $"/repos/{Slug}/claim-next", new { claimant = "agent-b", ttl_seconds = 600 });
            Assert.That(next["id"]!.GetValue<string>(), Is.EqualTo(claimed["id"]!.GetValue<string>()));
            Assert.That(next["claimed_by"]!.GetValue<string>(), Is.EqualTo("agent-b"));
        }
    }
}

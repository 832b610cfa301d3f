using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Workplans;

/// <summary>Workplan tasks' <c>blocked_by: [T01, OTHER-WP/T03]</c>, synced like any other field.</summary>
public sealed class WorkplanBlockedBySyncTests : FunctionalTestBase
{
    private const string Slug = "planner";

    private const string Other = """
        ---
        id: OTHER-WP
        title: Other
        status: active
        tasks:
          - id: T03
            title: Schema
            status: todo
        ---
        """;

    private static string MainPlan(string blockedBy) => $"""
        ---
        id: MAIN-WP
        title: Main
        status: active
        tasks:
          - id: T01
            title: First
            status: todo
          - id: T02
            title: Second
            status: todo
            {blockedBy}
        ---
        """;

    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync(Slug);
    }

    private Task<JsonNode> SyncAsync(bool fix, params string[] files) =>
        SendOkAsync(HttpMethod.Post, $"/repos/{Slug}/sync?fix={(fix ? "true" : "false")}",
            new { files = files.Select((content, i) => new { path = $"workplans/p{i}.md", content }).ToArray() });

    private async Task<JsonNode> TaskAsync(string workstreamKey, string taskKey)
    {
        var workstream = (await GetOkAsync($"/repos/{Slug}/workstreams")).AsArray().Single(w => w!["key"]!.GetValue<string>() == workstreamKey)!;
        return (await GetOkAsync($"/workstreams/{workstream["id"]}/tasks")).AsArray().Single(t => t!["key"]!.GetValue<string>() == taskKey)!;
    }

    private static string[] Blockers(JsonNode task) =>
        task["blocked_by"]!.AsArray().Select(b => $"{b!["key_or_title"]}").Order(StringComparer.Ordinal).ToArray();

    [Test]
    public async Task Sync_BlockedBy_CreatesRemovesAndReportsDrift()
    {
        var first = await SyncAsync(true, MainPlan("blocked_by: [T01, OTHER-WP/T03]"), Other);
        Assert.That(first["changes"]!.AsArray().Any(c => c!["field"]?.GetValue<string>() == "blocked_by" && c["task_key"]!.GetValue<string>() == "T02"), first.ToJsonString());
        var t02 = await TaskAsync("MAIN-WP", "T02");
        Assert.That(Blockers(t02), Is.EqualTo(new[] { "T01", "T03" }));
        Assert.That(t02["ready"]!.GetValue<bool>(), Is.False);

        var clean = await SyncAsync(false, MainPlan("blocked_by: [T01, OTHER-WP/T03]"), Other);
        Assert.That(clean["in_sync"]!.GetValue<bool>(), Is.True, clean.ToJsonString());

        var drift = await SyncAsync(false, MainPlan("blocked_by: [OTHER-WP/T03]"), Other);
        var item = drift["drift"]!.AsArray().Single()!;
        Assert.That(item["kind"]!.GetValue<string>(), Is.EqualTo("dependency_mismatch"));
        Assert.That(item["file_value"]!.GetValue<string>(), Is.EqualTo("OTHER-WP/T03"));
        Assert.That(item["hub_value"]!.GetValue<string>(), Is.EqualTo("MAIN-WP/T01, OTHER-WP/T03"));

        await SyncAsync(true, MainPlan("blocked_by: [OTHER-WP/T03]"), Other);
        Assert.That(Blockers(await TaskAsync("MAIN-WP", "T02")), Is.EqualTo(new[] { "T03" }));

        // Left out: the dependencies stay as they are.
        var omitted = await SyncAsync(false, MainPlan(""), Other);
        Assert.That(omitted["in_sync"]!.GetValue<bool>(), Is.True, omitted.ToJsonString());

        await SyncAsync(true, MainPlan("blocked_by: []"), Other);
        Assert.That(Blockers(await TaskAsync("MAIN-WP", "T02")), Is.Empty);
    }

    [Test]
    public async Task Sync_BlockedByUnknownTask_IsAnInvalidFileItem()
    {
        var report = await SyncAsync(false, MainPlan("blocked_by: [T09]"));

        var item = report["drift"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "invalid_file")!;
        Assert.That(item["reason"]!.GetValue<string>(), Does.Contain("T09"));
    }

    [Test]
    public async Task Sync_BlockedByClosingACycle_IsLeftOut()
    {
        const string cyclic = """
            ---
            id: CYC
            title: Cycle
            status: active
            tasks:
              - id: A
                title: A
                status: todo
                blocked_by: [B]
              - id: B
                title: B
                status: todo
                blocked_by: [A]
            ---
            """;

        await SyncAsync(true, cyclic);

        var a = Blockers(await TaskAsync("CYC", "A"));
        var b = Blockers(await TaskAsync("CYC", "B"));
        Assert.That(a.Length + b.Length, Is.EqualTo(1), "one edge is made, the one closing the cycle is not");
    }

    /// <summary>
    /// T01 waits on a task of another repo, which waits on T02 (both edges made through the API).
    /// A file saying T02 waits on T01 would close a cycle through the other repo: the sync leaves
    /// that edge out, as the API refuses it with 409.
    /// </summary>
    [Test]
    public async Task Sync_BlockedByClosingACycleThroughAnotherRepo_IsLeftOut()
    {
        await SyncAsync(true, MainPlan(""));
        await RegisterRepoAsync("elsewhere");
        var workstream = await PostCreatedAsync("/repos/elsewhere/workstreams", new { key = "EW", title = "Elsewhere" });
        var foreign = await PostCreatedAsync($"/workstreams/{workstream["id"]}/tasks", new { key = "X", title = "Foreign" });
        var t01 = await TaskAsync("MAIN-WP", "T01");
        var t02 = await TaskAsync("MAIN-WP", "T02");
        await PostCreatedAsync($"/tasks/{t01["id"]}/dependencies", new { blocked_by_task_id = foreign["id"]!.GetValue<string>() });
        await PostCreatedAsync($"/tasks/{foreign["id"]}/dependencies", new { blocked_by_task_id = t02["id"]!.GetValue<string>() });

        var report = await SyncAsync(true, MainPlan("blocked_by: [T01]"));

        Assert.That(Blockers(await TaskAsync("MAIN-WP", "T02")), Is.Empty, report.ToJsonString());
        // Some task of the three is still ready: the graph has no cycle.
        var ready = new[] { await TaskAsync("MAIN-WP", "T01"), await TaskAsync("MAIN-WP", "T02"), await GetOkAsync($"/tasks/{foreign["id"]}") }
            .Count(t => t["ready"]!.GetValue<bool>());
        Assert.That(ready, Is.EqualTo(1));
    }
}

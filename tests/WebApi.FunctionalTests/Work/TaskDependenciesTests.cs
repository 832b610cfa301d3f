using System.Net;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Work;

/// <summary>Spec §13: dependencies on tasks (any repo) and interface changes; ready and blocked_by.</summary>
public sealed class TaskDependenciesTests : WorkFunctionalTestBase
{
    private JsonNode _workstream = null!;

    [SetUp]
    public async Task ArrangeRepos()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("app");
        await RegisterRepoAsync("lib");
        _workstream = await CreateWorkstreamAsync("app", "WP-1");
    }

    [Test]
    public async Task RepoDashboard_ShowsTheHolderUntilWhenAndTheBlockers()
    {
        var blocker = await CreateTaskAsync(_workstream, "T01");
        var task = await CreateTaskAsync(_workstream, "T02");
        await PostCreatedAsync($"/tasks/{Id(task)}/dependencies", new { blocked_by_task_id = Id(blocker) });
        var claimed = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(blocker)}/claim", new { claimant = "agent-a", ttl_seconds = 600 });
        var until = claimed["claim_expires_at"]!.GetValue<DateTimeOffset>().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var html = await Client.GetStringAsync("/dashboard/repos/app");

        var holderRow = RowOf(html, "T01");
        Assert.That(holderRow, Does.Contain("agent-a").And.Contain($"datetime=\"{until}\""));
        var blockedRow = RowOf(html, "T02");
        Assert.That(blockedRow, Does.Contain($"data-blocker=\"{Id(blocker)}\"").And.Contain("unclaimed"));
    }

    private static string RowOf(string html, string taskKey)
    {
        var start = html.IndexOf($"<tr data-task=\"{taskKey}\"", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no row for {taskKey}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [Test]
    public async Task AddDependency_OnTask_BlocksUntilTheBlockerIsDone()
    {
        var blocker = await CreateTaskAsync(_workstream, "T01");
        var task = await CreateTaskAsync(_workstream, "T02");

        var dependency = await PostCreatedAsync($"/tasks/{Id(task)}/dependencies", new { blocked_by_task_id = Id(blocker) });
        Assert.That(dependency["kind"]!.GetValue<string>(), Is.EqualTo("task"));
        Assert.That(dependency["id"]!.GetValue<string>(), Is.EqualTo(Id(blocker)));

        var read = await GetOkAsync($"/tasks/{Id(task)}");
        Assert.That(read["ready"]!.GetValue<bool>(), Is.False);
        var blockedBy = read["blocked_by"]!.AsArray().Single()!;
        Assert.That(blockedBy["dependency_id"]!.GetValue<string>(), Is.EqualTo(dependency["dependency_id"]!.GetValue<string>()));
        Assert.That(blockedBy["key_or_title"]!.GetValue<string>(), Is.EqualTo("T01"));
        Assert.That(blockedBy["repo_slug"]!.GetValue<string>(), Is.EqualTo("app"));
        Assert.That(blockedBy["status"]!.GetValue<string>(), Is.EqualTo("todo"));

        using (var refused = await PostJsonAsync(Client, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a" }))
            Assert.That((await AssertProblemAsync(refused, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), Does.Contain("T01"));
        var dispatch = await GetOkAsync("/repos/app/dispatch");
        Assert.That(dispatch["next_task"]!["key"]!.GetValue<string>(), Is.EqualTo("T01"));
        var pending = dispatch["active_workstreams"]![0]!["pending_tasks"]!.AsArray();
        Assert.That(pending.Single(t => t!["key"]!.GetValue<string>() == "T02")!["blocked_by"]!.AsArray(), Has.Count.EqualTo(1));

        await SendOkAsync(HttpMethod.Patch, $"/tasks/{Id(blocker)}", new { status = "done" });
        read = await GetOkAsync($"/tasks/{Id(task)}");
        Assert.That(read["ready"]!.GetValue<bool>(), Is.True);
        Assert.That(read["blocked_by"]!.AsArray(), Is.Empty);
        Assert.That((await GetOkAsync("/repos/app/dispatch"))["next_task"]!["key"]!.GetValue<string>(), Is.EqualTo("T02"));
    }

    [Test]
    public async Task AddDependency_OnInterfaceChange_BlocksUntilResolved()
    {
        var change = await PostCreatedAsync("/interface-changes/", new
        {
            origin_repo_slug = "lib", title = "New auth header", change_type = "breaking", interface_type = "http_api",
            affected_repo_slugs = new[] { "app" }, affected_paths = new[] { "/auth" },
        });
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{Id(change)}/publish");
        var task = await CreateTaskAsync(_workstream, "T01");

        var dependency = await PostCreatedAsync($"/tasks/{Id(task)}/dependencies", new { blocked_by_interface_change_id = Id(change) });
        Assert.That(dependency["kind"]!.GetValue<string>(), Is.EqualTo("interface_change"));
        Assert.That(dependency["key_or_title"]!.GetValue<string>(), Is.EqualTo("New auth header"));
        Assert.That(dependency["repo_slug"]!.GetValue<string>(), Is.EqualTo("lib"));
        Assert.That((await GetOkAsync($"/tasks/{Id(task)}"))["ready"]!.GetValue<bool>(), Is.False);
        using (var none = await PostJsonAsync(Client, "/repos/app/claim-next", new { claimant = "agent-a" }))
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{Id(change)}/resolve", new { resolution_note = "done", force = true });
        Assert.That((await GetOkAsync($"/tasks/{Id(task)}"))["ready"]!.GetValue<bool>(), Is.True);
        var claimed = await SendOkAsync(HttpMethod.Post, "/repos/app/claim-next", new { claimant = "agent-a" });
        Assert.That(Id(claimed), Is.EqualTo(Id(task)));
    }

    [Test]
    public async Task AddDependency_CrossRepoBlocker_ShowsTheOtherReposSlug()
    {
        var libWorkstream = await CreateWorkstreamAsync("lib", "LIB-WP");
        var libTask = await CreateTaskAsync(libWorkstream, "L01");
        var task = await CreateTaskAsync(_workstream, "T01");

        await PostCreatedAsync($"/tasks/{Id(task)}/dependencies", new { blocked_by_task_id = Id(libTask) });

        var blockedBy = (await GetOkAsync($"/tasks/{Id(task)}"))["blocked_by"]!.AsArray().Single()!;
        Assert.That(blockedBy["repo_slug"]!.GetValue<string>(), Is.EqualTo("lib"));
        Assert.That(blockedBy["key_or_title"]!.GetValue<string>(), Is.EqualTo("L01"));
    }

    [Test]
    public async Task AddDependency_ClosingACycleOfThree_Is409NamingIt()
    {
        var t1 = await CreateTaskAsync(_workstream, "T01");
        var t2 = await CreateTaskAsync(_workstream, "T02");
        var t3 = await CreateTaskAsync(_workstream, "T03");
        await PostCreatedAsync($"/tasks/{Id(t1)}/dependencies", new { blocked_by_task_id = Id(t2) });
        await PostCreatedAsync($"/tasks/{Id(t2)}/dependencies", new { blocked_by_task_id = Id(t3) });

        using var response = await PostJsonAsync(Client, $"/tasks/{Id(t3)}/dependencies", new { blocked_by_task_id = Id(t1) });
        var detail = (await AssertProblemAsync(response, HttpStatusCode.Conflict))["detail"]!.GetValue<string>();
        Assert.That(detail, Does.Contain("cycle").And.Contain("T01").And.Contain("T02").And.Contain("T03"));
        Assert.That((await GetOkAsync($"/tasks/{Id(t3)}"))["blocked_by"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task AddDependency_OnItself_Is409()
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        using var response = await PostJsonAsync(Client, $"/tasks/{Id(task)}/dependencies", new { blocked_by_task_id = Id(task) });
        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task AddDependency_Twice_Is409_UnknownBlocker_Is404_BothOrNeither_Is422()
    {
        var blocker = await CreateTaskAsync(_workstream, "T01");
        var task = await CreateTaskAsync(_workstream, "T02");
        await PostCreatedAsync($"/tasks/{Id(task)}/dependencies", new { blocked_by_task_id = Id(blocker) });

        using (var twice = await PostJsonAsync(Client, $"/tasks/{Id(task)}/dependencies", new { blocked_by_task_id = Id(blocker) }))
            await AssertProblemAsync(twice, HttpStatusCode.Conflict);
        using (var unknown = await PostJsonAsync(Client, $"/tasks/{Id(task)}/dependencies", new { blocked_by_task_id = Guid.NewGuid() }))
            await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        using (var unknownChange = await PostJsonAsync(Client, $"/tasks/{Id(task)}/dependencies", new { blocked_by_interface_change_id = Guid.NewGuid() }))
            await AssertProblemAsync(unknownChange, HttpStatusCode.NotFound);
        using (var neither = await PostJsonAsync(Client, $"/tasks/{Id(task)}/dependencies", new { }))
            await AssertProblemAsync(neither, HttpStatusCode.UnprocessableEntity);
        using (var both = await PostJsonAsync(Client, $"/tasks/{Id(task)}/dependencies", new { blocked_by_task_id = Id(blocker), blocked_by_interface_change_id = Guid.NewGuid() }))
            await AssertProblemAsync(both, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task RemoveDependency_Existing_Is204AndFreesTheTask_ThenIs404()
    {
        var blocker = await CreateTaskAsync(_workstream, "T01");
        var task = await CreateTaskAsync(_workstream, "T02");
        var dependency = await PostCreatedAsync($"/tasks/{Id(task)}/dependencies", new { blocked_by_task_id = Id(blocker) });
        var url = $"/tasks/{Id(task)}/dependencies/{dependency["dependency_id"]!.GetValue<string>()}";

        using (var deleted = await Client.DeleteAsync(url))
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await GetOkAsync($"/tasks/{Id(task)}"))["ready"]!.GetValue<bool>(), Is.True);
        using var again = await Client.DeleteAsync(url);
        await AssertProblemAsync(again, HttpStatusCode.NotFound);
    }
}

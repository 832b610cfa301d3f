using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Work;

namespace StateHub.WebApi.FunctionalTests.Performance;

/// <summary>
/// The single-resource reads answer in one round trip (one command the interceptor sees), whatever
/// the resource holds: no extra statement for the task's blockers or the change's consumers.
/// </summary>
public sealed class SingleReadRoundTripTests : WorkFunctionalTestBase
{
    private JsonNode _task = null!;
    private JsonNode _change = null!;

    [SetUp]
    public async Task ArrangeRepoTaskAndChange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("lib");
        await RegisterRepoAsync("app");
        var workstream = await CreateWorkstreamAsync("app", "WP-1");
        var blocker = await CreateTaskAsync(workstream, "T01");
        _task = await CreateTaskAsync(workstream, "T02");
        await PostCreatedAsync($"/tasks/{Id(_task)}/dependencies", new { blocked_by_task_id = Id(blocker) });
        _change = await PostCreatedAsync("/interface-changes/", new
        {
            origin_repo_slug = "lib", title = "New auth header", change_type = "breaking", interface_type = "http_api",
            affected_repo_slugs = new[] { "app" }, affected_paths = new[] { "/auth" },
        });
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{Id(_change)}/publish");
        await PostCreatedAsync($"/tasks/{Id(_task)}/dependencies", new { blocked_by_interface_change_id = Id(_change) });
    }

    [Test]
    public async Task GetRepo_OneRoundTrip()
    {
        var (repo, statements) = await CountingAsync("/repos/app");

        Assert.That(repo["slug"]!.GetValue<string>(), Is.EqualTo("app"));
        Assert.That(repo["domain_slug"]!.GetValue<string>(), Is.EqualTo("platform"));
        Assert.That(statements, Has.Count.EqualTo(1), string.Join("\n---\n", statements));
    }

    [Test]
    public async Task GetTask_WithBlockers_OneRoundTrip()
    {
        var (task, statements) = await CountingAsync($"/tasks/{Id(_task)}");

        Assert.That(task["key"]!.GetValue<string>(), Is.EqualTo("T02"));
        Assert.That(task["blocked_by"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(task["ready"]!.GetValue<bool>(), Is.False);
        Assert.That(statements, Has.Count.EqualTo(1), string.Join("\n---\n", statements));
    }

    [Test]
    public async Task GetTask_SameBodyAsTheTaskList()
    {
        var single = await GetOkAsync($"/tasks/{Id(_task)}");
        var listed = (await GetOkAsync($"/workstreams/{_task["workstream_id"]!.GetValue<string>()}/tasks")).AsArray()
            .Single(t => t!["id"]!.GetValue<string>() == Id(_task))!;

        Assert.That(single.ToJsonString(), Is.EqualTo(listed.ToJsonString()));
    }

    [Test]
    public async Task GetInterfaceChange_WithConsumers_OneRoundTrip()
    {
        var (change, statements) = await CountingAsync($"/interface-changes/{Id(_change)}");

        Assert.That(change["title"]!.GetValue<string>(), Is.EqualTo("New auth header"));
        Assert.That(change["origin_repo_slug"]!.GetValue<string>(), Is.EqualTo("lib"));
        Assert.That(statements, Has.Count.EqualTo(1), string.Join("\n---\n", statements));
    }

    [Test]
    public async Task GetTask_Unknown_404InOneRoundTrip()
    {
        using (Factory.SqlCounter.Record())
        {
            var response = await Client.GetAsync($"/tasks/{Guid.NewGuid()}");
            Assert.That((int)response.StatusCode, Is.EqualTo(404));
        }

        Assert.That(Factory.SqlCounter.Statements, Has.Count.EqualTo(1));
    }

    private async Task<(JsonNode Body, IReadOnlyList<string> Statements)> CountingAsync(string url)
    {
        JsonNode body;
        using (Factory.SqlCounter.Record())
            body = await GetOkAsync(url);
        return (body, Factory.SqlCounter.Statements);
    }
}

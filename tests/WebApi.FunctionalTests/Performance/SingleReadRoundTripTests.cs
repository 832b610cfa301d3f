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
    public async Task GetRepo_SameBodyAsTheRegistrationAndTheList()
    {
        // Every optional field set, and host paths, so that a column the hand-written read forgets shows.
        var registered = await PostCreatedAsync("/repos/", new
        {
            slug = "full", name = "Full", domain_slug = "platform", local_path = "/srv/full", remote_url = "https://git.example/full.git",
            git_fingerprint = new string('a', 40), description = "All fields", topic_id = "topic-7",
        });
        await SendOkAsync(HttpMethod.Post, "/repos/full/paths", new { host = "laptop", path = "/home/x/full" });
        await SendOkAsync(HttpMethod.Post, "/repos/full/paths", new { host = "build-02", path = "/b/full" });
        await SendOkAsync(HttpMethod.Patch, "/repos/full", new { last_sbom_at = "2026-11-30T10:00:00.123456Z" });
        var patched = await SendOkAsync(HttpMethod.Patch, "/repos/full/archive");

        var single = await GetOkAsync("/repos/full");
        var listed = (await GetOkAsync("/repos/")).AsArray().Single(r => r!["slug"]!.GetValue<string>() == "full")!;

        Assert.That(single.ToJsonString(), Is.EqualTo(patched.ToJsonString()), "the read model against the entity's mapping");
        Assert.That(single.ToJsonString(), Is.EqualTo(listed.ToJsonString()));
        Assert.That(single["host_paths"]!.AsObject().Count, Is.EqualTo(2));
        Assert.That(single["description"]!.GetValue<string>(), Is.EqualTo(registered["description"]!.GetValue<string>()));
    }

    [Test]
    public async Task GetInterfaceChange_SameBodyAsTheList_ConsumersInOrdinalOrder()
    {
        await RegisterRepoAsync("app-b");
        await RegisterRepoAsync("app0");
        var change = await PostCreatedAsync("/interface-changes/", new
        {
            origin_repo_slug = "lib", title = "Every field", description = "Long story", change_type = "additive", interface_type = "cli",
            affected_repo_slugs = new[] { "app0", "app-b", "app" }, affected_paths = new[] { "/a", "/b" }, planned_for = "2027-01-15",
        });
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{Id(change)}/publish");
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{Id(change)}/acknowledgements/app-b", new { status = "acknowledged", note = "on it" });

        var single = await GetOkAsync($"/interface-changes/{Id(change)}");
        var listed = (await GetOkAsync("/interface-changes/?origin=lib")).AsArray()
            .Single(c => c!["id"]!.GetValue<string>() == Id(change))!;

        Assert.That(single.ToJsonString(), Is.EqualTo(listed.ToJsonString()), "the read model against the entity's mapping");
        Assert.That(single["consumers"]!.AsArray().Select(c => c!["repo_slug"]!.GetValue<string>()), Is.EqualTo(new[] { "app", "app-b", "app0" }));
        Assert.That(single["consumers"]![1]!["note"]!.GetValue<string>(), Is.EqualTo("on it"));
        Assert.That(single["planned_for"]!.GetValue<string>(), Is.EqualTo("2027-01-15"));
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

using System.Net;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>get_dispatch through MCP answers as GET /repos/{slug}/dispatch does.</summary>
public sealed class McpDispatchToolsTests : McpTestBase
{
    [SetUp]
    public async Task ArrangeRepo()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("repo-a");
    }

    [Test]
    public async Task GetDispatch_RepoWithWork_ReturnsWhatTheHttpTwinReturns()
    {
        await PostCreatedAsync("/repos/repo-a/goals", new { title = "Ship the registry", priority = 1 });
        var workstream = await PostCreatedAsync("/repos/repo-a/workstreams", new { key = "CUST-WP-0033", title = "Registry", status = "active" });
        var id = workstream["id"]!.GetValue<string>();
        await PostCreatedAsync($"/workstreams/{id}/tasks", new { key = "T01", title = "Table", priority = 2, status = "todo", needs_human = true });

        var dispatch = await CallOkAsync("get_dispatch", new { repo_slug = "repo-a" });

        Assert.That(dispatch["repo_slug"]!.GetValue<string>(), Is.EqualTo("repo-a"));
        Assert.That(dispatch["active_goal"]!["title"]!.GetValue<string>(), Is.EqualTo("Ship the registry"));
        Assert.That(dispatch["active_workstreams"]![0]!["pending_tasks"]![0]!["key"]!.GetValue<string>(), Is.EqualTo("T01"));
        Assert.That(dispatch["human_interventions"]!.AsArray(), Has.Count.EqualTo(1));
        var http = await GetOkAsync("/repos/repo-a/dispatch");
        Assert.That(JsonNode.DeepEquals(dispatch, http), Is.True, $"MCP: {dispatch}\nHTTP: {http}");
    }

    [Test]
    public async Task GetDispatch_UnknownRepo_IsErrorWithTheHttpNotFoundDetail()
    {
        var http = await HttpProblemDetailAsync(HttpMethod.Get, "/repos/nope/dispatch", null, HttpStatusCode.NotFound);

        var detail = await CallFailingAsync("get_dispatch", new { repo_slug = "nope" }, 404);

        Assert.That(detail, Is.EqualTo(http).And.Contain("nope"));
    }

    [Test]
    public async Task GetDispatch_NoRepoSlug_IsErrorNamingTheArgument()
    {
        var detail = await CallFailingAsync("get_dispatch", new { slug = "repo-a" }, 422);

        Assert.That(detail, Does.Contain("repo_slug: Required.").And.Contain("slug: Unknown argument. Expected one of: repo_slug."));
    }
}

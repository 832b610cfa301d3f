using System.Net;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>evaluate_doi through MCP reports as GET /repos/{slug}/doi does.</summary>
public sealed class McpDoiToolsTests : McpTestBase
{
    [SetUp]
    public async Task ArrangeRepo()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("repo-a", remoteUrl: "git@example.com:org/repo-a.git");
    }

    [Test]
    public async Task EvaluateDoi_RegisteredRepo_ReportsWhatTheHttpTwinReports()
    {
        var report = await CallOkAsync("evaluate_doi", new { repo_slug = "repo-a", force_refresh = true });

        Assert.That(report["repo_slug"]!.GetValue<string>(), Is.EqualTo("repo-a"));
        Assert.That(report["cached"]!.GetValue<bool>(), Is.False);
        Assert.That(report["criteria"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()), Has.Member("C1").And.Member("C14"));
        var c2 = report["criteria"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "C2")!;
        Assert.That(c2["status"]!.GetValue<string>(), Is.EqualTo("pass"), "remote_url is recorded");

        var http = await GetOkAsync("/repos/repo-a/doi");
        var cached = await CallOkAsync("evaluate_doi", new { repo_slug = "repo-a" });
        Assert.That(cached["cached"]!.GetValue<bool>(), Is.True, "the second evaluation is served from the cache");
        Assert.That(JsonNode.DeepEquals(cached, http), Is.True, $"MCP: {cached}\nHTTP: {http}");
    }

    [Test]
    public async Task EvaluateDoi_UnknownRepo_IsErrorWithTheHttpNotFoundDetail()
    {
        var http = await HttpProblemDetailAsync(HttpMethod.Get, "/repos/nope/doi", null, HttpStatusCode.NotFound);

        var detail = await CallFailingAsync("evaluate_doi", new { repo_slug = "nope" }, 404);

        Assert.That(detail, Is.EqualTo(http));
    }

    [Test]
    public async Task EvaluateDoi_ForceRefreshNotABoolean_IsErrorNamingTheArgument()
    {
        var detail = await CallFailingAsync("evaluate_doi", new { repo_slug = "repo-a", force_refresh = "yes" }, 422);

        Assert.That(detail, Is.EqualTo("force_refresh: Must be a boolean, not a string."));
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>sync_repo through MCP syncs as POST /repos/{slug}/sync does.</summary>
public sealed class McpWorkplanToolsTests : McpTestBase
{
    private const string Plan = """
        ---
        id: CUST-WP-0033
        title: Interface Change Registry
        status: active
        tasks:
          - id: T01
            title: interface_changes table
            status: done
          - id: T02
            title: Publish and notify
            status: in_progress
            needs_human: true
        ---
        Notes.
        """;

    private static readonly object[] Files = [new { path = "workplans/registry.md", content = Plan }];

    [SetUp]
    public async Task ArrangeRepo()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("repo-a");
    }

    [Test]
    public async Task SyncRepo_CheckOnly_ReportsWhatTheHttpTwinReports()
    {
        var report = await CallOkAsync("sync_repo", new { repo_slug = "repo-a", fix = false, files = Files });

        Assert.That(report["in_sync"]!.GetValue<bool>(), Is.False);
        Assert.That(report["source"]!.GetValue<string>(), Is.EqualTo("body"));
        Assert.That(report["drift"]!.AsArray().Select(d => d!["kind"]!.GetValue<string>()), Has.All.EqualTo("missing_in_hub"));
        Assert.That(report["changes"]!.AsArray(), Is.Empty);
        var http = await SendOkAsync(HttpMethod.Post, "/repos/repo-a/sync?fix=false", new { files = Files });
        Assert.That(JsonNode.DeepEquals(report, http), Is.True, $"MCP: {report}\nHTTP: {http}");
    }

    [Test]
    public async Task SyncRepo_FixByDefault_MakesTheHubMatchTheFiles()
    {
        var report = await CallOkAsync("sync_repo", new { repo_slug = "repo-a", files = Files });

        Assert.That(report["fix"]!.GetValue<bool>(), Is.True);
        Assert.That(report["changes"]!.AsArray(), Is.Not.Empty);
        var workstreams = await GetOkAsync("/repos/repo-a/workstreams");
        Assert.That(workstreams.AsArray().Select(w => w!["key"]!.GetValue<string>()), Is.EqualTo(new[] { "CUST-WP-0033" }));
        var repo = await GetOkAsync("/repos/repo-a");
        Assert.That(repo["last_state_synced_at"]!.GetValue<string>(), Is.Not.Empty);

        var again = await CallOkAsync("sync_repo", new { repo_slug = "repo-a", fix = false, files = Files });
        Assert.That(again["in_sync"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task SyncRepo_NoReadablePathAndNoFiles_IsErrorWithTheHttpUnavailableDetail()
    {
        var http = await HttpProblemDetailAsync(HttpMethod.Post, "/repos/repo-a/sync", null, HttpStatusCode.ServiceUnavailable);

        var detail = await CallFailingAsync("sync_repo", new { repo_slug = "repo-a" }, 503);

        Assert.That(detail, Is.EqualTo(http).And.Contain("POST /repos/repo-a/paths"));
    }

    [Test]
    public async Task SyncRepo_FileOutsideWorkplans_IsErrorWithTheHttpValidationDetail()
    {
        var files = new[] { new { path = "../etc/passwd.md", content = Plan } };
        var http = await HttpProblemDetailAsync(HttpMethod.Post, "/repos/repo-a/sync", new { files }, HttpStatusCode.UnprocessableEntity);

        var detail = await CallFailingAsync("sync_repo", new { repo_slug = "repo-a", files }, 422);

        Assert.That(detail, Is.EqualTo(http).And.StartWith("files[0].path: "));
        Assert.That(await GetOkAsync("/repos/repo-a/workstreams"), Is.Empty);
    }

    [Test]
    public async Task SyncRepo_FileWithUnknownProperty_IsErrorNamingIt()
    {
        var detail = await CallFailingAsync("sync_repo", new
        {
            repo_slug = "repo-a",
            files = new[] { new { path = "workplans/registry.md", content = Plan, run = "rm -rf /" } },
        }, 422);

        Assert.That(detail, Is.EqualTo("files[0].run: Unknown property. Expected one of: path, content."));
    }

    [Test]
    public async Task SyncRepo_UnknownRepo_IsErrorWithTheHttpNotFoundDetail()
    {
        var detail = await CallFailingAsync("sync_repo", new { repo_slug = "nope", files = Array.Empty<object>() }, 404);

        Assert.That(detail, Is.EqualTo("Repo 'nope' not found"));
    }
}

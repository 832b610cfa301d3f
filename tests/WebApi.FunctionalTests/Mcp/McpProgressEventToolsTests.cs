using System.Net;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>log_progress through MCP logs as POST /repos/{slug}/events does.</summary>
public sealed class McpProgressEventToolsTests : McpTestBase
{
    [SetUp]
    public async Task ArrangeRepo()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("repo-a");
    }

    [Test]
    public async Task LogProgress_WithData_LogsTheEventTheHttpTimelineThenShows()
    {
        var logged = await CallOkAsync("log_progress", new
        {
            repo_slug = "repo-a",
            kind = "task_done",
            summary = "T01 is done",
            data = new { task_key = "T01", tests = new[] { 1, 2 } },
        });

        Assert.That(logged["kind"]!.GetValue<string>(), Is.EqualTo("task_done"));
        Assert.That(logged["data"]!["tests"]![1]!.GetValue<int>(), Is.EqualTo(2), "data comes back exactly as logged");
        var timeline = await GetOkAsync("/repos/repo-a/events");
        Assert.That(timeline.AsArray(), Has.Count.EqualTo(1));
        Assert.That(JsonNode.DeepEquals(logged, timeline[0]), Is.True, $"MCP: {logged}\nHTTP: {timeline[0]}");
    }

    [Test]
    public async Task LogProgress_WithoutData_LogsAnEmptyObject()
    {
        var logged = await CallOkAsync("log_progress", new { repo_slug = "repo-a", kind = "blocked", summary = "Waiting for review" });

        Assert.That(logged["data"]!.ToJsonString(), Is.EqualTo("{}"));
    }

    [Test]
    public async Task LogProgress_EmptySummary_IsErrorWithTheHttpValidationDetail()
    {
        var http = await HttpProblemDetailAsync(HttpMethod.Post, "/repos/repo-a/events", new { kind = "task_done", summary = "" }, HttpStatusCode.UnprocessableEntity);

        var detail = await CallFailingAsync("log_progress", new { repo_slug = "repo-a", kind = "task_done", summary = "" }, 422);

        Assert.That(detail, Is.EqualTo(http).And.StartWith("summary: "));
        Assert.That(await GetOkAsync("/repos/repo-a/events"), Is.Empty);
    }

    [Test]
    public async Task LogProgress_DataWithANumberTooLongWrittenOut_IsErrorWithTheHttpValidationDetail()
    {
        var data = JsonNode.Parse("""{"x":1e70000}""");
        var http = await HttpProblemDetailAsync(HttpMethod.Post, "/repos/repo-a/events", new { kind = "k", summary = "s", data }, HttpStatusCode.UnprocessableEntity);

        var detail = await CallFailingAsync("log_progress", new { repo_slug = "repo-a", kind = "k", summary = "s", data }, 422);

        Assert.That(detail, Is.EqualTo(http).And.Contain("data.x"));
        Assert.That(await GetOkAsync("/repos/repo-a/events"), Is.Empty);
    }

    [Test]
    public async Task LogProgress_DataWithANameGivenTwice_IsErrorNamingIt()
    {
        using var data = System.Text.Json.JsonDocument.Parse("""{"status":"ok","status":"failed"}""");

        var detail = await CallFailingAsync("log_progress", new { repo_slug = "repo-a", kind = "k", summary = "s", data = data.RootElement }, 422);

        Assert.That(detail, Does.Contain("'status'"));
        Assert.That(await GetOkAsync("/repos/repo-a/events"), Is.Empty);
    }

    [Test]
    public async Task LogProgress_DataNotAnObject_IsErrorNamingTheArgument()
    {
        var detail = await CallFailingAsync("log_progress", new { repo_slug = "repo-a", kind = "task_done", summary = "Done", data = "T01" }, 422);

        Assert.That(detail, Is.EqualTo("data: Must be an object, not a string."));
    }

    [Test]
    public async Task LogProgress_UnknownRepo_IsErrorWithTheHttpNotFoundDetail()
    {
        var http = await HttpProblemDetailAsync(HttpMethod.Post, "/repos/nope/events", new { kind = "task_done", summary = "Done" }, HttpStatusCode.NotFound);

        var detail = await CallFailingAsync("log_progress", new { repo_slug = "nope", kind = "task_done", summary = "Done" }, 404);

        Assert.That(detail, Is.EqualTo(http));
    }
}

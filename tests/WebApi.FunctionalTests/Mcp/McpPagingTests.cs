using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>
/// §15 paging through MCP: every list tool takes <c>limit</c> and <c>cursor</c> and answers
/// a JSON array with <c>_meta.next_cursor</c>; following next_cursor reaches every item of the HTTP
/// twin's list exactly once, in its order; a bad limit or cursor is an isError result (422), never an exception.
/// </summary>
public sealed class McpPagingTests : McpTestBase
{
    private const int Count = 5;

    private string _workstreamId = null!;

    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
        for (var i = 0; i < Count; i++)
        {
            await RegisterRepoAsync($"repo-{i}");
            await PostCreatedAsync("/repos/alpha/goals", new { title = $"Goal {i}", priority = (i % 2) + 1 });
            var change = await PostCreatedAsync("/interface-changes/", new
            {
                origin_repo_slug = $"repo-{i}",
                title = $"Change {i}",
                change_type = "additive",
                interface_type = "event",
                affected_repo_slugs = new[] { "alpha" },
            });
            await SendOkAsync(HttpMethod.Post, $"/interface-changes/{change["id"]}/publish");
        }

        var workstream = await PostCreatedAsync("/repos/alpha/workstreams", new { key = "WP-1", title = "First" });
        _workstreamId = workstream["id"]!.GetValue<string>();
        for (var i = 1; i < Count; i++)
            await PostCreatedAsync("/repos/alpha/workstreams", new { key = $"WP-{i + 1}", title = $"Workstream {i + 1}" });
        for (var i = 0; i < Count; i++)
            await PostCreatedAsync($"/workstreams/{_workstreamId}/tasks", new { key = $"T0{i}", title = $"Task {i}", priority = (i % 3) + 1 });
    }

    /// <summary>Each paged tool, the arguments that pick the list, and its HTTP twin's URL.</summary>
    private IEnumerable<(string Tool, Dictionary<string, object?> Arguments, string Url)> PagedTools() =>
    [
        ("list_repos", [], "/repos/"),
        ("list_goals", new() { ["repo_slug"] = "alpha" }, "/repos/alpha/goals"),
        ("list_workstreams", new() { ["repo_slug"] = "alpha" }, "/repos/alpha/workstreams"),
        ("list_tasks", new() { ["workstream_id"] = _workstreamId }, $"/workstreams/{_workstreamId}/tasks"),
        ("list_inbox", new() { ["repo_slug"] = "alpha" }, "/repos/alpha/inbox"),
        ("list_interface_changes", new() { ["affected"] = "alpha", ["status"] = "published" }, "/interface-changes/?affected=alpha&status=published"),
    ];

    [Test]
    public async Task EveryListTool_FollowingNextCursor_ReachesEveryItemOnceInTheHttpOrder()
    {
        foreach (var (tool, arguments, url) in PagedTools())
        {
            var expected = (await GetOkAsync(url)).AsArray().Select(Id).ToList();
            Assert.That(expected, Has.Count.GreaterThanOrEqualTo(Count), tool);

            var seen = new List<string>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var page = await CallPageAsync(tool, new Dictionary<string, object?>(arguments) { ["limit"] = 2, ["cursor"] = cursor });
                var items = page["items"]!.AsArray();
                Assert.That(items, Has.Count.LessThanOrEqualTo(2), tool);
                seen.AddRange(items.Select(Id));
                Assert.That(page.AsObject().ContainsKey("next_cursor"), Is.True, $"{tool} always says next_cursor");
                cursor = page["next_cursor"]?.GetValue<string>();
                pages++;
                Assert.That(pages, Is.LessThanOrEqualTo(expected.Count), $"{tool} does not end");
            }
            while (cursor is not null);

            Assert.That(seen, Is.EqualTo(expected), $"{tool}: every item once, in the HTTP twin's order");
            Assert.That(pages, Is.EqualTo((expected.Count + 1) / 2), tool);
        }
    }

    [Test]
    public async Task EveryListTool_WithoutLimit_ReturnsWhatTheHttpTwinsFirstPageReturns()
    {
        foreach (var (tool, arguments, url) in PagedTools())
        {
            var page = await CallPageAsync(tool, arguments);

            Assert.That(page["items"]!.AsArray().Select(Id), Is.EqualTo((await GetOkAsync(url)).AsArray().Select(Id)), tool);
            Assert.That(page["next_cursor"], Is.Null, tool);
        }
    }

    [Test]
    public async Task ListInbox_DefaultsTo100_AndSaysWhereTheRestIs()
    {
        // 101 messages: the inbox is a list that grows with time, so it pages at 100 unasked, as over HTTP.
        await WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO inbox_messages (id, repo_id, actor, kind, subject, body, created_at, updated_at) " +
            "SELECT gen_random_uuid(), r.id, 'seed', 'note', 'seeded ' || g, '', now() - g * interval '1 minute', now() - g * interval '1 minute' " +
            "FROM managed_repos r, generate_series(1, 96) g WHERE r.slug = 'alpha'"));

        var first = await CallPageAsync("list_inbox", new { repo_slug = "alpha" });
        var rest = await CallPageAsync("list_inbox", new { repo_slug = "alpha", cursor = first["next_cursor"]!.GetValue<string>() });

        Assert.That(first["items"]!.AsArray(), Has.Count.EqualTo(100));
        Assert.That(rest["items"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(rest["next_cursor"], Is.Null);
    }

    [TestCase("list_repos", 0, null)]
    [TestCase("list_repos", 501, null)]
    [TestCase("list_goals", null, "nonsense")]
    [TestCase("list_workstreams", -1, null)]
    [TestCase("list_inbox", null, "%E2%98%83")]
    [TestCase("list_inbox", 501, null)]
    [TestCase("list_interface_changes", null, "ZG9tYWlucw")]
    [TestCase("list_tasks", null, "")]
    public async Task BadLimitOrCursor_IsAnErrorResultWithTheDetail(string tool, int? limit, string? cursor)
    {
        var arguments = PagedTools().Single(t => t.Tool == tool).Arguments;
        if (limit is not null)
            arguments["limit"] = limit;
        if (cursor is not null)
            arguments["cursor"] = cursor;

        var detail = await CallFailingAsync(tool, arguments, 422);

        Assert.That(detail, Does.Contain(limit is null ? "cursor" : "limit"));
    }

    [Test]
    public async Task ACursorOfAnotherList_IsAnErrorResult()
    {
        var reposCursor = (await CallPageAsync("list_repos", new { limit = 1 }))["next_cursor"]!.GetValue<string>();

        await CallFailingAsync("list_goals", new { repo_slug = "alpha", cursor = reposCursor }, 422);
        await CallFailingAsync("list_inbox", new { repo_slug = "alpha", cursor = reposCursor }, 422);
    }

    private static string Id(JsonNode? item) => item!["id"]!.GetValue<string>();
}

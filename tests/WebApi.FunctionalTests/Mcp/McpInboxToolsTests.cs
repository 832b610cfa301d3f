using System.Net;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>list_inbox and mark_inbox_read through MCP behave as GET /repos/{slug}/inbox and POST /inbox/{id}/read.</summary>
public sealed class McpInboxToolsTests : McpTestBase
{
    private const string Consumer = "consumer-a";

    [SetUp]
    public async Task ArrangePublishedChange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("repo-registry");
        await RegisterRepoAsync(Consumer);
        var change = await PostCreatedAsync("/interface-changes/", new
        {
            origin_repo_slug = "repo-registry",
            title = "New event",
            change_type = "additive",
            interface_type = "event",
            affected_repo_slugs = new[] { Consumer },
        });
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{change["id"]}/publish");
    }

    [Test]
    public async Task ListInbox_Unread_ReturnsWhatTheHttpTwinReturns()
    {
        var unread = await CallItemsAsync("list_inbox", new { repo_slug = Consumer, unread = true });

        Assert.That(unread.AsArray(), Has.Count.EqualTo(1));
        Assert.That(unread[0]!["kind"]!.GetValue<string>(), Is.EqualTo("interface_change_published"));
        var http = await GetOkAsync($"/repos/{Consumer}/inbox?unread=true");
        Assert.That(JsonNode.DeepEquals(unread, http), Is.True, $"MCP: {unread}\nHTTP: {http}");
        Assert.That(await CallItemsAsync("list_inbox", new { repo_slug = Consumer, unread = false }), Is.Empty);
    }

    [Test]
    public async Task MarkInboxRead_UnreadMessage_MarksItReadOnceAndClearsTheDispatchCount()
    {
        var id = (await CallItemsAsync("list_inbox", new { repo_slug = Consumer }))[0]!["id"]!.GetValue<string>();

        var read = await CallOkAsync("mark_inbox_read", new { message_id = id });
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await CallOkAsync("mark_inbox_read", new { message_id = id });

        Assert.That(read["read_at"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(again["read_at"]!.GetValue<string>(), Is.EqualTo(read["read_at"]!.GetValue<string>()), "the first read time is kept");
        Assert.That(await CallItemsAsync("list_inbox", new { repo_slug = Consumer, unread = true }), Is.Empty);
        Assert.That((await GetOkAsync($"/repos/{Consumer}/dispatch"))["unread_inbox_count"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task MarkInboxRead_UnknownOrMalformedId_IsError()
    {
        var unknown = Guid.NewGuid();
        var http = await HttpProblemDetailAsync(HttpMethod.Post, $"/inbox/{unknown}/read", null, HttpStatusCode.NotFound);

        var notFound = await CallFailingAsync("mark_inbox_read", new { message_id = unknown }, 404);
        var malformed = await CallFailingAsync("mark_inbox_read", new { message_id = 42 }, 422);

        Assert.That(notFound, Is.EqualTo(http));
        Assert.That(malformed, Is.EqualTo("message_id: Must be a string, not a number."));
    }

    [Test]
    public async Task ListInbox_UnknownRepo_IsErrorWithTheHttpNotFoundDetail()
    {
        var http = await HttpProblemDetailAsync(HttpMethod.Get, "/repos/nope/inbox", null, HttpStatusCode.NotFound);

        var detail = await CallFailingAsync("list_inbox", new { repo_slug = "nope" }, 404);

        Assert.That(detail, Is.EqualTo(http));
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>The registry's four tools through MCP behave as their HTTP twins under /interface-changes/.</summary>
public sealed class McpInterfaceChangeToolsTests : McpTestBase
{
    private const string Origin = "repo-registry";
    private const string Consumer = "consumer-a";

    [SetUp]
    public async Task ArrangeRepos()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync(Origin);
        await RegisterRepoAsync(Consumer);
    }

    private static object Change(string changeType = "breaking", string[]? affected = null) => new
    {
        origin_repo_slug = Origin,
        title = "Trailing-slash normalisation",
        change_type = changeType,
        interface_type = "http_api",
        description = "Every route answers with and without a trailing slash.",
        affected_repo_slugs = affected ?? [Consumer],
        affected_paths = new[] { "/repos/" },
        planned_for = "2026-12-01",
    };

    private async Task<string> RegisterDraftAsync() =>
        (await CallOkAsync("register_interface_change", Change()))["id"]!.GetValue<string>();

    [Test]
    public async Task RegisterInterfaceChange_ValidArguments_RegistersTheDraftTheHttpApiThenServes()
    {
        var draft = await CallOkAsync("register_interface_change", Change());

        Assert.That(draft["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        Assert.That(draft["change_type"]!.GetValue<string>(), Is.EqualTo("breaking"));
        Assert.That(draft["planned_for"]!.GetValue<string>(), Is.EqualTo("2026-12-01"));
        var served = await GetOkAsync($"/interface-changes/{draft["id"]}");
        Assert.That(JsonNode.DeepEquals(draft, served), Is.True, $"MCP: {draft}\nHTTP: {served}");
        Assert.That(await GetOkAsync($"/repos/{Consumer}/inbox"), Is.Empty, "a draft notifies nobody");
    }

    [Test]
    public async Task RegisterInterfaceChange_UnknownChangeTypeAndBadDate_IsErrorListingTheValues()
    {
        var arguments = new
        {
            origin_repo_slug = Origin,
            title = "x",
            change_type = "Breaking",
            interface_type = "http_api",
            planned_for = "1 December",
        };

        var detail = await CallFailingAsync("register_interface_change", arguments, 422);

        Assert.That(detail, Does.Contain("change_type: Must be one of: breaking, additive, deprecation, removal, behavioural."));
        Assert.That(detail, Does.Contain("planned_for: Must be a date as YYYY-MM-DD."));
    }

    [Test]
    public async Task RegisterInterfaceChange_UnregisteredAffectedRepo_IsErrorWithTheHttpNotFoundDetail()
    {
        var http = await HttpProblemDetailAsync(HttpMethod.Post, "/interface-changes/", Change(affected: ["ghost"]), HttpStatusCode.NotFound);

        var detail = await CallFailingAsync("register_interface_change", Change(affected: ["ghost"]), 404);

        Assert.That(detail, Is.EqualTo(http).And.Contain("ghost"));
    }

    [Test]
    public async Task RegisterInterfaceChange_UnknownOrigin_IsErrorWithTheHttpNotFoundDetail()
    {
        var body = new { origin_repo_slug = "nope", title = "x", change_type = "additive", interface_type = "cli" };
        var http = await HttpProblemDetailAsync(HttpMethod.Post, "/interface-changes/", body, HttpStatusCode.NotFound);

        var detail = await CallFailingAsync("register_interface_change", body, 404);

        Assert.That(detail, Is.EqualTo(http));
    }

    [Test]
    public async Task ListInterfaceChanges_Filters_ReturnWhatTheHttpTwinReturns()
    {
        var published = await RegisterDraftAsync();
        await CallOkAsync("publish_interface_change", new { interface_change_id = published });
        await RegisterDraftAsync();

        var affecting = await CallItemsAsync("list_interface_changes", new { status = "published", affected = Consumer });
        var byOrigin = await CallItemsAsync("list_interface_changes", new { origin = Origin });

        Assert.That(affecting.AsArray().Select(c => c!["id"]!.GetValue<string>()), Is.EqualTo(new[] { published }));
        Assert.That(byOrigin.AsArray(), Has.Count.EqualTo(2));
        var http = await GetOkAsync($"/interface-changes/?status=published&affected={Consumer}");
        Assert.That(JsonNode.DeepEquals(affecting, http), Is.True, $"MCP: {affecting}\nHTTP: {http}");
    }

    [Test]
    public async Task ListInterfaceChanges_BadStatusOrUnknownRepo_IsError()
    {
        var badStatus = await CallFailingAsync("list_interface_changes", new { status = "open" }, 422);
        var http = await HttpProblemDetailAsync(HttpMethod.Get, "/interface-changes/?origin=nope", null, HttpStatusCode.NotFound);
        var unknownRepo = await CallFailingAsync("list_interface_changes", new { origin = "nope" }, 404);

        Assert.That(badStatus, Is.EqualTo("status: Must be one of: draft, published, resolved."));
        Assert.That(unknownRepo, Is.EqualTo(http));
    }

    [Test]
    public async Task PublishInterfaceChange_Draft_NotifiesTheAffectedRepoAndShowsInItsDispatch()
    {
        var id = await RegisterDraftAsync();

        var published = await CallOkAsync("publish_interface_change", new { interface_change_id = id });

        Assert.That(published["status"]!.GetValue<string>(), Is.EqualTo("published"));
        Assert.That(published["published_at"]!.GetValue<string>(), Is.Not.Empty);
        var inbox = await GetOkAsync($"/repos/{Consumer}/inbox");
        Assert.That(inbox.AsArray().Select(m => m!["interface_change_id"]!.GetValue<string>()), Is.EqualTo(new[] { id }));
        var dispatch = await GetOkAsync($"/repos/{Consumer}/dispatch");
        Assert.That(dispatch["pending_interface_changes"]![0]!["id"]!.GetValue<string>(), Is.EqualTo(id));
    }

    [Test]
    public async Task PublishInterfaceChange_Twice_IsErrorWithTheHttpConflictDetailAndNotifiesOnce()
    {
        var id = await RegisterDraftAsync();
        await CallOkAsync("publish_interface_change", new { interface_change_id = id });
        var http = await HttpProblemDetailAsync(HttpMethod.Post, $"/interface-changes/{id}/publish", null, HttpStatusCode.Conflict);

        var detail = await CallFailingAsync("publish_interface_change", new { interface_change_id = id }, 409);

        Assert.That(detail, Is.EqualTo(http));
        Assert.That(await GetOkAsync($"/repos/{Consumer}/inbox"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task PublishInterfaceChange_BadOrUnknownId_IsError()
    {
        var unknown = Guid.NewGuid();
        var http = await HttpProblemDetailAsync(HttpMethod.Post, $"/interface-changes/{unknown}/publish", null, HttpStatusCode.NotFound);

        var notAUuid = await CallFailingAsync("publish_interface_change", new { interface_change_id = "T01" }, 422);
        var notFound = await CallFailingAsync("publish_interface_change", new { interface_change_id = unknown }, 404);

        Assert.That(notAUuid, Does.StartWith("interface_change_id: Must be a UUID"));
        Assert.That(notFound, Is.EqualTo(http));
    }

    [Test]
    public async Task ResolveInterfaceChange_Published_RecordsTheNoteAndNotifiesAgain()
    {
        var id = await RegisterDraftAsync();
        await CallOkAsync("publish_interface_change", new { interface_change_id = id });
        await CallOkAsync("acknowledge_interface_change", new { id, repo_slug = Consumer, status = "migrated" });

        var resolved = await CallOkAsync("resolve_interface_change", new { interface_change_id = id, resolution_note = "All consumers migrated." });

        Assert.That(resolved["status"]!.GetValue<string>(), Is.EqualTo("resolved"));
        Assert.That(resolved["resolution_note"]!.GetValue<string>(), Is.EqualTo("All consumers migrated."));
        Assert.That(await GetOkAsync($"/repos/{Consumer}/inbox"), Has.Count.EqualTo(2));
        Assert.That((await GetOkAsync($"/repos/{Consumer}/dispatch"))["pending_interface_changes"], Is.Empty);
        Assert.That(JsonNode.DeepEquals(resolved, await GetOkAsync($"/interface-changes/{id}")), Is.True);
    }

    [Test]
    public async Task ResolveInterfaceChange_Draft_IsErrorWithTheHttpConflictDetail()
    {
        var id = await RegisterDraftAsync();
        var http = await HttpProblemDetailAsync(HttpMethod.Post, $"/interface-changes/{id}/resolve", new { resolution_note = "x" }, HttpStatusCode.Conflict);

        var detail = await CallFailingAsync("resolve_interface_change", new { interface_change_id = id, resolution_note = "x" }, 409);

        Assert.That(detail, Is.EqualTo(http));
        Assert.That((await GetOkAsync($"/interface-changes/{id}"))["status"]!.GetValue<string>(), Is.EqualTo("draft"));
    }
}

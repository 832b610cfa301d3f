using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace StateHub.WebApi.FunctionalTests.InterfaceChanges;

/// <summary>draft → published → resolved, what each step writes, and every transition that is refused.</summary>
public sealed class InterfaceChangeLifecycleTests : InterfaceChangeTestBase
{
    [Test]
    public async Task PublishInterfaceChange_Draft_StampsPublishedAtAndReturnsTheChange()
    {
        var created = await RegisterChangeAsync();
        Factory.Clock.Advance(TimeSpan.FromHours(1));

        var published = await PublishAsync(Id(created));

        Assert.That(published["status"]!.GetValue<string>(), Is.EqualTo("published"));
        Assert.That(DateTimeOffset.Parse(published["published_at"]!.GetValue<string>()), Is.EqualTo(Factory.Clock.GetUtcNow()));
        Assert.That(DateTimeOffset.Parse(published["updated_at"]!.GetValue<string>()), Is.EqualTo(Factory.Clock.GetUtcNow()));
        Assert.That(published["resolved_at"], Is.Null);
        Assert.That(published["origin_repo_slug"]!.GetValue<string>(), Is.EqualTo(Origin));
        var reread = await GetOkAsync($"/interface-changes/{Id(created)}");
        Assert.That(reread.ToJsonString(), Is.EqualTo(published.ToJsonString()));
    }

    [Test]
    public async Task PublishInterfaceChange_Draft_WritesOneInboxMessagePerAffectedRepoWithTheDetails()
    {
        var created = await RegisterChangeAsync();

        await PublishAsync(Id(created));

        foreach (var slug in new[] { ConsumerA, ConsumerB })
        {
            var inbox = await InboxAsync(slug);
            Assert.That(inbox, Has.Count.EqualTo(1), slug);
            var message = inbox[0]!;
            Assert.That(message["repo_slug"]!.GetValue<string>(), Is.EqualTo(slug));
            Assert.That(message["kind"]!.GetValue<string>(), Is.EqualTo("interface_change_published"));
            Assert.That(message["interface_change_id"]!.GetValue<string>(), Is.EqualTo(Id(created)));
            Assert.That(message["read_at"], Is.Null);
            var subject = message["subject"]!.GetValue<string>();
            Assert.That(subject, Does.Contain("breaking").And.Contain("http_api").And.Contain("Trailing-slash normalisation"));
            var body = message["body"]!.GetValue<string>();
            Assert.That(body, Does.Contain("Every route answers with and without a trailing slash."));
            Assert.That(body, Does.Contain("/repos/").And.Contain("/domains/"));
            Assert.That(body, Does.Contain("2026-12-01"));
            Assert.That(body, Does.Contain(Origin));
        }

        Assert.That(await InboxAsync(Origin), Is.Empty, "the origin is not among the affected repos");
    }

    [Test]
    public async Task PublishInterfaceChange_Draft_LogsOneEventOnTheOrigin()
    {
        var created = await RegisterChangeAsync();

        await PublishAsync(Id(created));

        var events = await EventsOfAsync(Origin);
        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0].Kind, Is.EqualTo("interface_change_published"));
        Assert.That(events[0].Summary, Does.Contain("Trailing-slash normalisation").And.Contain(ConsumerA).And.Contain(ConsumerB));
        using var data = JsonDocument.Parse(events[0].Data);
        Assert.That(data.RootElement.GetProperty("interface_change_id").GetString(), Is.EqualTo(Id(created)));
        Assert.That(data.RootElement.GetProperty("change_type").GetString(), Is.EqualTo("breaking"));
        Assert.That(data.RootElement.GetProperty("interface_type").GetString(), Is.EqualTo("http_api"));
        Assert.That(data.RootElement.GetProperty("affected_repo_slugs").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { ConsumerA, ConsumerB }));
        Assert.That(await EventsOfAsync(ConsumerA), Is.Empty);
    }

    [Test]
    public async Task PublishInterfaceChange_NoAffectedRepos_PublishesAndLogsWithoutMessages()
    {
        var created = await RegisterChangeAsync(ChangeBody(affected: [], plannedFor: null));

        var published = await PublishAsync(Id(created));

        Assert.That(published["status"]!.GetValue<string>(), Is.EqualTo("published"));
        var messages = -1;
        await WithDbAsync(async db => messages = await db.InboxMessages.CountAsync());
        Assert.That(messages, Is.Zero);
        Assert.That(await EventsOfAsync(Origin), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task PublishInterfaceChange_AlreadyPublished_Returns409AndNotifiesNobodyTwice()
    {
        var created = await RegisterChangeAsync();
        await PublishAsync(Id(created));
        var firstPublishedAt = (await GetOkAsync($"/interface-changes/{Id(created)}"))["published_at"]!.GetValue<string>();
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));

        var response = await PostEmptyAsync($"/interface-changes/{Id(created)}/publish");

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("published"));
        Assert.That(await InboxAsync(ConsumerA), Has.Count.EqualTo(1));
        Assert.That(await InboxAsync(ConsumerB), Has.Count.EqualTo(1));
        Assert.That(await EventsOfAsync(Origin), Has.Count.EqualTo(1));
        var reread = await GetOkAsync($"/interface-changes/{Id(created)}");
        Assert.That(reread["published_at"]!.GetValue<string>(), Is.EqualTo(firstPublishedAt));
    }

    [Test]
    public async Task PublishInterfaceChange_Resolved_Returns409AndChangesNothing()
    {
        var created = await RegisterChangeAsync();
        await PublishAsync(Id(created));
        await ResolveAsync(Id(created));

        var response = await PostEmptyAsync($"/interface-changes/{Id(created)}/publish");

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("resolved"));
        Assert.That((await GetOkAsync($"/interface-changes/{Id(created)}"))["status"]!.GetValue<string>(), Is.EqualTo("resolved"));
        Assert.That(await InboxAsync(ConsumerA), Has.Count.EqualTo(2));
        Assert.That(await EventsOfAsync(Origin), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task PublishInterfaceChange_UnknownOrMalformedId_Returns404_422()
    {
        var missing = await PostEmptyAsync($"/interface-changes/{Guid.NewGuid()}/publish");
        var malformed = await PostEmptyAsync("/interface-changes/nope/publish");

        await AssertProblemAsync(missing, HttpStatusCode.NotFound);
        await AssertProblemAsync(malformed, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task ResolveInterfaceChange_Published_StampsResolvedAtAndNote()
    {
        var created = await RegisterChangeAsync();
        await PublishAsync(Id(created));
        Factory.Clock.Advance(TimeSpan.FromDays(3));

        var resolved = await ResolveAsync(Id(created), "All consumers migrated.");

        Assert.That(resolved["status"]!.GetValue<string>(), Is.EqualTo("resolved"));
        Assert.That(resolved["resolution_note"]!.GetValue<string>(), Is.EqualTo("All consumers migrated."));
        Assert.That(DateTimeOffset.Parse(resolved["resolved_at"]!.GetValue<string>()), Is.EqualTo(Factory.Clock.GetUtcNow()));
        Assert.That(DateTimeOffset.Parse(resolved["published_at"]!.GetValue<string>()), Is.EqualTo(Factory.Clock.GetUtcNow().AddDays(-3)));
        var reread = await GetOkAsync($"/interface-changes/{Id(created)}");
        Assert.That(reread.ToJsonString(), Is.EqualTo(resolved.ToJsonString()));
    }

    [Test]
    public async Task ResolveInterfaceChange_Published_NotifiesEachAffectedRepoOnceMoreAndLogsOnTheOrigin()
    {
        var created = await RegisterChangeAsync();
        await PublishAsync(Id(created));
        Factory.Clock.Advance(TimeSpan.FromDays(1));

        await ResolveAsync(Id(created), "Shipped in v2.");

        foreach (var slug in new[] { ConsumerA, ConsumerB })
        {
            var inbox = await InboxAsync(slug);
            Assert.That(inbox.Select(m => m!["kind"]!.GetValue<string>()),
                Is.EqualTo(new[] { "interface_change_resolved", "interface_change_published" }), "newest first");
            var resolvedMessage = inbox[0]!;
            Assert.That(resolvedMessage["interface_change_id"]!.GetValue<string>(), Is.EqualTo(Id(created)));
            Assert.That(resolvedMessage["subject"]!.GetValue<string>(), Does.Contain("resolved").And.Contain("Trailing-slash normalisation"));
            Assert.That(resolvedMessage["body"]!.GetValue<string>(), Does.Contain("Shipped in v2."));
        }

        var events = await EventsOfAsync(Origin);
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { "interface_change_published", "interface_change_resolved" }));
        using var data = JsonDocument.Parse(events[1].Data);
        Assert.That(data.RootElement.GetProperty("resolution_note").GetString(), Is.EqualTo("Shipped in v2."));
        Assert.That(data.RootElement.GetProperty("interface_change_id").GetString(), Is.EqualTo(Id(created)));
    }

    [Test]
    public async Task ResolveInterfaceChange_NoBodyEmptyJsonBodyOrEmptyObject_ResolvesWithoutNote()
    {
        var ids = new List<string>();
        foreach (var title in new[] { "First", "Second", "Third" })
        {
            var change = await RegisterChangeAsync(ChangeBody(title: title));
            await PublishAsync(Id(change));
            await AcknowledgeAllAsync(Id(change));
            ids.Add(Id(change));
        }

        var noBody = await PostEmptyAsync($"/interface-changes/{ids[0]}/resolve");
        var emptyJsonBody = await Client.PostAsync($"/interface-changes/{ids[1]}/resolve", RawJson(""));
        var emptyObject = await Client.PostAsync($"/interface-changes/{ids[2]}/resolve", RawJson("{}"));

        foreach (var response in new[] { noBody, emptyJsonBody, emptyObject })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var resolved = await ReadJsonAsync(response);
            Assert.That(resolved["status"]!.GetValue<string>(), Is.EqualTo("resolved"));
            Assert.That(resolved["resolution_note"], Is.Null);
        }
    }

    [Test]
    public async Task ResolveInterfaceChange_UnknownFieldOrOverlongNote_Returns422AndStaysPublished()
    {
        var created = await RegisterChangeAsync();
        await PublishAsync(Id(created));

        var unknown = await PostBodyAsync($"/interface-changes/{Id(created)}/resolve", new { note = "wrong name" });
        var overlong = await PostBodyAsync($"/interface-changes/{Id(created)}/resolve", new { resolution_note = new string('x', 8001) });

        Assert.That((await AssertProblemAsync(unknown, HttpStatusCode.UnprocessableEntity))["errors"]!["note"], Is.Not.Null);
        Assert.That((await AssertProblemAsync(overlong, HttpStatusCode.UnprocessableEntity))["errors"]!["resolution_note"], Is.Not.Null);
        Assert.That((await GetOkAsync($"/interface-changes/{Id(created)}"))["status"]!.GetValue<string>(), Is.EqualTo("published"));
    }

    [Test]
    public async Task ResolveInterfaceChange_Draft_Returns409AndNotifiesNobody()
    {
        var created = await RegisterChangeAsync();

        var response = await PostBodyAsync($"/interface-changes/{Id(created)}/resolve", new { resolution_note = "never published" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("draft"));
        Assert.That((await GetOkAsync($"/interface-changes/{Id(created)}"))["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        Assert.That(await InboxAsync(ConsumerA), Is.Empty);
        Assert.That(await EventsOfAsync(Origin), Is.Empty);
    }

    [Test]
    public async Task ResolveInterfaceChange_AlreadyResolved_Returns409AndKeepsTheFirstResolution()
    {
        var created = await RegisterChangeAsync();
        await PublishAsync(Id(created));
        var resolved = await ResolveAsync(Id(created), "first");
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));

        var response = await PostBodyAsync($"/interface-changes/{Id(created)}/resolve", new { resolution_note = "second" });

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        var reread = await GetOkAsync($"/interface-changes/{Id(created)}");
        Assert.That(reread["resolution_note"]!.GetValue<string>(), Is.EqualTo("first"));
        Assert.That(reread["resolved_at"]!.GetValue<string>(), Is.EqualTo(resolved["resolved_at"]!.GetValue<string>()));
        Assert.That(await InboxAsync(ConsumerA), Has.Count.EqualTo(2));
        Assert.That(await EventsOfAsync(Origin), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ResolveInterfaceChange_Unknown_Returns404()
    {
        var response = await PostEmptyAsync($"/interface-changes/{Guid.NewGuid()}/resolve");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Lifecycle_RegisterEditPublishResolve_EachStepVisibleAndLaterEditsRefused()
    {
        var created = await RegisterChangeAsync(ChangeBody(affected: [ConsumerA]));
        Assert.That((await GetOkAsync("/interface-changes/?status=draft")).AsArray(), Has.Count.EqualTo(1));

        var edited = await SendOkAsync(HttpMethod.Patch, $"/interface-changes/{Id(created)}", new { affected_repo_slugs = new[] { ConsumerA, ConsumerB } });
        Assert.That(Strings(edited["affected_repo_slugs"]), Is.EqualTo(new[] { ConsumerA, ConsumerB }));

        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await PublishAsync(Id(created));
        Assert.That((await GetOkAsync("/interface-changes/?status=published")).AsArray().Select(c => Id(c!)), Is.EqualTo(new[] { Id(created) }));
        Assert.That(await InboxAsync(ConsumerB, "?unread=true"), Has.Count.EqualTo(1), "the edit before publishing added consumer-b");
        await AssertProblemAsync(await PatchAsync(Client, $"/interface-changes/{Id(created)}", new { title = "x" }), HttpStatusCode.Conflict);

        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await ResolveAsync(Id(created));
        Assert.That((await GetOkAsync("/interface-changes/?status=published")).AsArray(), Is.Empty);
        Assert.That((await GetOkAsync("/interface-changes/?status=resolved")).AsArray(), Has.Count.EqualTo(1));
        await AssertProblemAsync(await PatchAsync(Client, $"/interface-changes/{Id(created)}", new { title = "x" }), HttpStatusCode.Conflict);
        Assert.That(await InboxAsync(ConsumerA, "?unread=true"), Has.Count.EqualTo(2));
        Assert.That(await EventsOfAsync(Origin), Has.Count.EqualTo(2));
    }
}

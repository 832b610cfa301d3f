using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.InterfaceChanges;

/// <summary>Spec §14: each affected repo's own status for a published change, and what it gates.</summary>
public sealed class AcknowledgementTests : InterfaceChangeTestBase
{
    private Task<HttpResponseMessage> AckAsync(string id, string slug, object body) =>
        Client.PostAsJsonAsync($"/interface-changes/{id}/acknowledgements/{slug}", body);

    private async Task<string> PublishedChangeAsync()
    {
        var change = await RegisterChangeAsync();
        await PublishAsync(Id(change));
        return Id(change);
    }

    [Test]
    public async Task Publish_EveryAffectedRepo_IsNotifiedInConsumersBySlug()
    {
        var draft = await RegisterChangeAsync(ChangeBody(affected: [ConsumerB, ConsumerA]));
        Assert.That(draft["consumers"]!.AsArray(), Is.Empty);

        await PublishAsync(Id(draft));
        var change = await GetOkAsync($"/interface-changes/{Id(draft)}");

        var consumers = change["consumers"]!.AsArray();
        Assert.That(consumers.Select(c => c!["repo_slug"]!.GetValue<string>()), Is.EqualTo(new[] { ConsumerA, ConsumerB }));
        Assert.That(consumers.Select(c => c!["status"]!.GetValue<string>()), Is.All.EqualTo("notified"));
        Assert.That(consumers[0]!.AsObject().Select(p => p.Key).Order(), Is.EqualTo(new[] { "note", "repo_slug", "status", "updated_at" }));
        var listed = (await GetOkAsync("/interface-changes/?status=published"))[0]!;
        Assert.That(listed["consumers"]!.ToJsonString(), Is.EqualTo(consumers.ToJsonString()));
    }

    [Test]
    public async Task Acknowledge_ForwardMoves_AreKeptAndBackwardMovesAre409()
    {
        var id = await PublishedChangeAsync();

        var acknowledged = await ReadJsonAsync(await AckAsync(id, ConsumerA, new { status = "acknowledged", note = "looking" }));
        Assert.That(acknowledged["consumers"]![0]!["status"]!.GetValue<string>(), Is.EqualTo("acknowledged"));
        Assert.That(acknowledged["consumers"]![0]!["note"]!.GetValue<string>(), Is.EqualTo("looking"));

        var backToNotified = await AckAsync(id, ConsumerA, new { status = "notified" });
        await AssertProblemAsync(backToNotified, HttpStatusCode.Conflict);

        Assert.That((await AckAsync(id, ConsumerA, new { status = "migrated" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await AckAsync(id, ConsumerA, new { status = "not_affected" })).StatusCode, Is.EqualTo(HttpStatusCode.OK), "between migrated and not_affected");
        Assert.That((await AckAsync(id, ConsumerA, new { status = "migrated" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var backwards = await AssertProblemAsync(await AckAsync(id, ConsumerA, new { status = "acknowledged" }), HttpStatusCode.Conflict);
        Assert.That(backwards["detail"]!.GetValue<string>(), Does.Contain("migrated"));

        Assert.That((await AckAsync(id, ConsumerB, new { status = "migrated" })).StatusCode, Is.EqualTo(HttpStatusCode.OK), "notified may skip acknowledged");
        var consumers = (await GetOkAsync($"/interface-changes/{id}"))["consumers"]!.AsArray();
        Assert.That(consumers.Select(c => c!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "migrated", "migrated" }));
    }

    [Test]
    public async Task Acknowledge_NotifiedIsNeverAMove_AndARepeatChangesNothing()
    {
        var id = await PublishedChangeAsync();

        var stayNotified = await AssertProblemAsync(await AckAsync(id, ConsumerA, new { status = "notified", note = "n" }), HttpStatusCode.Conflict);
        Assert.That(stayNotified["detail"]!.GetValue<string>(), Does.Contain("notified cannot be set"));
        Assert.That((await GetOkAsync($"/interface-changes/{id}"))["consumers"]![0]!["note"], Is.Null, "the refused call changed nothing");

        var first = await AckAsync(id, ConsumerA, new { status = "acknowledged", note = "looking" });
        var firstConsumer = (await ReadJsonAsync(first))["consumers"]![0]!;
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var repeat = await AckAsync(id, ConsumerA, new { status = "acknowledged", note = "looking" });

        Assert.That(repeat.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(repeat))["consumers"]![0]!.ToJsonString(), Is.EqualTo(firstConsumer.ToJsonString()), "same status and note: nothing changes");
        Assert.That(repeat.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        var newNote = await ReadJsonAsync(await AckAsync(id, ConsumerA, new { status = "acknowledged", note = "nearly there" }));
        Assert.That(newNote["consumers"]![0]!["note"]!.GetValue<string>(), Is.EqualTo("nearly there"));
        Assert.That(newNote["consumers"]![0]!["updated_at"]!.GetValue<string>(), Is.Not.EqualTo(firstConsumer["updated_at"]!.GetValue<string>()));
    }

    [Test]
    public async Task Acknowledge_RepoNotAffectedOrUnknownChange_Is404()
    {
        var id = await PublishedChangeAsync();

        var notAffected = await AssertProblemAsync(await AckAsync(id, Origin, new { status = "migrated" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await AckAsync(id, "no-such-repo", new { status = "migrated" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await AckAsync(Guid.NewGuid().ToString(), ConsumerA, new { status = "migrated" }), HttpStatusCode.NotFound);

        Assert.That(notAffected["detail"]!.GetValue<string>(), Does.Contain(Origin));
    }

    [Test]
    public async Task Acknowledge_DraftOrResolvedChange_Is409AndBadStatusIs422()
    {
        var draft = await RegisterChangeAsync();
        await AssertProblemAsync(await AckAsync(Id(draft), ConsumerA, new { status = "acknowledged" }), HttpStatusCode.Conflict);

        var id = await PublishedChangeAsync();
        await AssertProblemAsync(await AckAsync(id, ConsumerA, new { status = "done" }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await AckAsync(id, ConsumerA, new { note = "no status" }), HttpStatusCode.UnprocessableEntity);

        await AcknowledgeAllAsync(id);
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{id}/resolve", new { resolution_note = "done" });
        await AssertProblemAsync(await AckAsync(id, ConsumerA, new { status = "not_affected" }), HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Resolve_WhileConsumersPending_Is409NamingThemAndChangesNothing()
    {
        var id = await PublishedChangeAsync();
        await AckAsync(id, ConsumerA, new { status = "acknowledged" });

        var refused = await AssertProblemAsync(
            await Client.PostAsJsonAsync($"/interface-changes/{id}/resolve", new { resolution_note = "early" }), HttpStatusCode.Conflict);

        Assert.That(refused["detail"]!.GetValue<string>(), Does.Contain(ConsumerA).And.Contain(ConsumerB));
        Assert.That((await GetOkAsync($"/interface-changes/{id}"))["status"]!.GetValue<string>(), Is.EqualTo("published"));
        await AckAsync(id, ConsumerA, new { status = "migrated" });
        var stillRefused = await AssertProblemAsync(await PostEmptyAsync($"/interface-changes/{id}/resolve"), HttpStatusCode.Conflict);
        Assert.That(stillRefused["detail"]!.GetValue<string>(), Does.Contain(ConsumerB).And.Not.Contain(ConsumerA));

        await AckAsync(id, ConsumerB, new { status = "not_affected", note = "we never call /domains/" });
        var resolved = await SendOkAsync(HttpMethod.Post, $"/interface-changes/{id}/resolve", new { resolution_note = "all done" });
        Assert.That(resolved["status"]!.GetValue<string>(), Is.EqualTo("resolved"));
    }

    [Test]
    public async Task Resolve_Forced_ResolvesAndSaysSoInTheEventAndTheNotices()
    {
        var id = await PublishedChangeAsync();
        await AckAsync(id, ConsumerA, new { status = "migrated" });

        await AssertProblemAsync(
            await Client.PostAsJsonAsync($"/interface-changes/{id}/resolve", new { force = true }), HttpStatusCode.UnprocessableEntity);
        var resolved = await SendOkAsync(HttpMethod.Post, $"/interface-changes/{id}/resolve", new { force = true, resolution_note = "deadline" });

        Assert.That(resolved["status"]!.GetValue<string>(), Is.EqualTo("resolved"));
        var notice = (await InboxAsync(ConsumerB))[0]!;
        Assert.That(notice["kind"]!.GetValue<string>(), Is.EqualTo("interface_change_resolved"));
        Assert.That(notice["subject"]!.GetValue<string>(), Does.Contain("forced"));
        Assert.That(notice["body"]!.GetValue<string>(), Does.Contain("by force").And.Contain(ConsumerB));
        var resolvedEvent = (await GetOkAsync($"/repos/{Origin}/events"))[0]!;
        Assert.That(resolvedEvent["summary"]!.GetValue<string>(), Does.Contain("forced"));
        Assert.That(resolvedEvent["data"]!["forced"]!.GetValue<bool>(), Is.True);
        Assert.That(resolvedEvent["data"]!["pending_repo_slugs"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { ConsumerB }));
    }

    [Test]
    public async Task Dispatch_ListsOnlyChangesThisRepoStillHasToDo_WithMyStatus()
    {
        var id = await PublishedChangeAsync();
        await AckAsync(id, ConsumerA, new { status = "acknowledged" });

        var a = (await GetOkAsync($"/repos/{ConsumerA}/dispatch"))["pending_interface_changes"]!.AsArray();
        var b = (await GetOkAsync($"/repos/{ConsumerB}/dispatch"))["pending_interface_changes"]!.AsArray();
        Assert.That(a.Single()!["my_status"]!.GetValue<string>(), Is.EqualTo("acknowledged"));
        Assert.That(b.Single()!["my_status"]!.GetValue<string>(), Is.EqualTo("notified"));

        await AckAsync(id, ConsumerA, new { status = "migrated" });
        await AckAsync(id, ConsumerB, new { status = "not_affected" });

        Assert.That((await GetOkAsync($"/repos/{ConsumerA}/dispatch"))["pending_interface_changes"]!.AsArray(), Is.Empty);
        Assert.That((await GetOkAsync($"/repos/{ConsumerB}/dispatch"))["pending_interface_changes"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Acknowledge_LastConsumerFinishing_NotifiesTheOriginOnce()
    {
        var id = await PublishedChangeAsync();

        await AckAsync(id, ConsumerA, new { status = "migrated" });
        Assert.That(await InboxAsync(Origin), Is.Empty);
        await AckAsync(id, ConsumerB, new { status = "not_affected" });
        await AckAsync(id, ConsumerB, new { status = "migrated" });

        var inbox = await InboxAsync(Origin);
        Assert.That(inbox.Select(m => m!["kind"]!.GetValue<string>()), Is.EqualTo(new[] { "interface_change_consumers_done" }));
        Assert.That(inbox[0]!["interface_change_id"]!.GetValue<string>(), Is.EqualTo(id));
    }

    [Test]
    public async Task Acknowledge_ChangesTheChangesETag()
    {
        var id = await PublishedChangeAsync();
        var before = await Client.GetAsync($"/interface-changes/{id}");

        var ack = await AckAsync(id, ConsumerA, new { status = "acknowledged" });

        Assert.That(ack.Headers.ETag, Is.Not.EqualTo(before.Headers.ETag));
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/interface-changes/{id}/acknowledgements/{ConsumerB}")
        {
            Content = JsonContent.Create(new { status = "migrated" }),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", before.Headers.ETag!.ToString());
        await AssertProblemAsync(await Client.SendAsync(stale), HttpStatusCode.Conflict);
    }
}

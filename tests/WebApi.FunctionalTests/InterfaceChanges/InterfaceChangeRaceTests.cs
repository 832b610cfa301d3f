using System.Net;
using Microsoft.EntityFrameworkCore;
using StateHub.Domain.Inbox;

namespace StateHub.WebApi.FunctionalTests.InterfaceChanges;

/// <summary>Concurrent transitions of one change happen exactly once: the database, not memory, decides.</summary>
public sealed class InterfaceChangeRaceTests : InterfaceChangeTestBase
{
    private const int Racers = 10;

    [Test]
    public async Task PublishInterfaceChange_TenConcurrentRequests_OneSucceedsNineConflictAndEachRepoHoldsOneMessage()
    {
        var created = await RegisterChangeAsync();

        var statuses = await RaceAsync(Id(created), () => PostEmptyAsync($"/interface-changes/{Id(created)}/publish"));

        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(Racers - 1), string.Join(", ", statuses));
        await AssertNotifiedOnceAsync(Id(created), InboxMessage.InterfaceChangePublishedKind);
        Assert.That(await EventsOfAsync(Origin), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task PublishInterfaceChange_TenConcurrentRequestsNoAffectedRepos_OneSucceedsAndOneEventIsLogged()
    {
        // No inbox message means no unique index to fall back on: only the guarded transition stops a second publication.
        var created = await RegisterChangeAsync(ChangeBody(affected: []));

        var statuses = await RaceAsync(Id(created), () => PostEmptyAsync($"/interface-changes/{Id(created)}/publish"));

        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(Racers - 1), string.Join(", ", statuses));
        Assert.That(await EventsOfAsync(Origin), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ResolveInterfaceChange_TenConcurrentRequests_OneSucceedsNineConflictAndEachRepoHoldsOneMessage()
    {
        var created = await RegisterChangeAsync();
        await PublishAsync(Id(created));

        var statuses = await RaceAsync(Id(created), () => PostBodyAsync($"/interface-changes/{Id(created)}/resolve", new { resolution_note = "done", force = true }));

        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(Racers - 1), string.Join(", ", statuses));
        await AssertNotifiedOnceAsync(Id(created), InboxMessage.InterfaceChangeResolvedKind);
        Assert.That(await EventsOfAsync(Origin), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task EditAndPublish_Concurrent_EveryEditThatSucceedsLandsBeforeThePublication()
    {
        var created = await RegisterChangeAsync();
        var url = $"/interface-changes/{Id(created)}";

        // All eleven requests wait on the row the test holds, then go one after another in whatever order the lock grants.
        await using var barrier = await RowLockBarrier.HoldRowAsync("interface_changes", Guid.Parse(Id(created)));
        var edits = Enumerable.Range(0, Racers).Select(i => PatchAsync(Client, url, new { title = $"Edit {i}" })).ToList();
        var publish = PostEmptyAsync(url + "/publish");
        await barrier.WaitForWaitersAsync(Racers + 1);
        await barrier.ReleaseAsync();
        await Task.WhenAll(edits.Append(publish));

        Assert.That(publish.Result.StatusCode, Is.EqualTo(HttpStatusCode.OK), await publish.Result.Content.ReadAsStringAsync());
        var published = await ReadJsonAsync(publish.Result);
        Assert.That(edits.Select(e => e.Result.StatusCode), Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict));
        // The title published, and announced in the inbox, is the final one: no edit slipped in after publication.
        var final = await GetOkAsync(url);
        Assert.That(final["title"]!.GetValue<string>(), Is.EqualTo(published["title"]!.GetValue<string>()));
        var message = (await InboxAsync(ConsumerA)).Single()!;
        Assert.That(message["subject"]!.GetValue<string>(), Does.EndWith(final["title"]!.GetValue<string>()));
    }

    [Test]
    public async Task Acknowledge_TwoConsumersFinishingAtOnce_TheOriginHearsExactlyOnce()
    {
        var created = await RegisterChangeAsync();
        await PublishAsync(Id(created));
        var url = $"/interface-changes/{Id(created)}/acknowledgements/";

        // Both wait on the row the test holds; whichever goes second must see the first one's answer.
        await using var barrier = await RowLockBarrier.HoldRowAsync("interface_changes", Guid.Parse(Id(created)));
        var a = PostBodyAsync(url + ConsumerA, new { status = "migrated" });
        var b = PostBodyAsync(url + ConsumerB, new { status = "not_affected" });
        await barrier.WaitForWaitersAsync(2);
        await barrier.ReleaseAsync();
        await Task.WhenAll(a, b);

        Assert.That(new[] { a.Result.StatusCode, b.Result.StatusCode }, Is.All.EqualTo(HttpStatusCode.OK));
        var done = (await InboxAsync(Origin)).Where(m => m!["kind"]!.GetValue<string>() == "interface_change_consumers_done").ToList();
        Assert.That(done, Has.Count.EqualTo(1), "the last consumer to finish tells the origin, once");
    }

    [Test]
    public async Task Acknowledge_SameRepoForwardAndBackAtOnce_NeverMovesBackward()
    {
        var created = await RegisterChangeAsync();
        await PublishAsync(Id(created));
        var url = $"/interface-changes/{Id(created)}/acknowledgements/{ConsumerA}";

        await using var barrier = await RowLockBarrier.HoldRowAsync("interface_changes", Guid.Parse(Id(created)));
        var migrated = PostBodyAsync(url, new { status = "migrated", note = "M" });
        var acknowledged = PostBodyAsync(url, new { status = "acknowledged", note = "A" });
        await barrier.WaitForWaitersAsync(2);
        await barrier.ReleaseAsync();
        await Task.WhenAll(migrated, acknowledged);

        // In either order the repo ends migrated: acknowledged then migrated, or migrated then a 409.
        Assert.That(migrated.Result.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(acknowledged.Result.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict));
        var consumer = (await GetOkAsync($"/interface-changes/{Id(created)}"))["consumers"]!.AsArray()
            .Single(c => c!["repo_slug"]!.GetValue<string>() == ConsumerA)!;
        Assert.That(consumer["status"]!.GetValue<string>(), Is.EqualTo("migrated"));
        Assert.That(consumer["note"]!.GetValue<string>(), Is.EqualTo("M"));
    }

    /// <summary>
    /// Sends <see cref="Racers"/> requests while the test holds the change's row: all of them are
    /// inside their transactions, waiting, before any decides. Without the service's row lock or
    /// guarded transition every one of them would have read the same state and succeeded.
    /// </summary>
    private static async Task<HttpStatusCode[]> RaceAsync(string changeId, Func<Task<HttpResponseMessage>> send)
    {
        await using var barrier = await RowLockBarrier.HoldRowAsync("interface_changes", Guid.Parse(changeId));
        var racers = Enumerable.Range(0, Racers)
            .Select(async _ =>
            {
                using var response = await send();
                return response.StatusCode;
            })
            .ToList();
        await barrier.WaitForWaitersAsync(Racers);
        await barrier.ReleaseAsync();
        return await Task.WhenAll(racers);
    }

    private async Task AssertNotifiedOnceAsync(string changeId, string kind)
    {
        var id = Guid.Parse(changeId);
        Dictionary<Guid, int> perRepo = [];
        var repoCount = 0;
        await WithDbAsync(async db =>
        {
            perRepo = await db.InboxMessages.Where(m => m.InterfaceChangeId == id && m.Kind == kind)
                .GroupBy(m => m.RepoId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count);
            repoCount = await db.Repos.CountAsync(r => r.Slug == ConsumerA || r.Slug == ConsumerB);
        });
        Assert.That(perRepo, Has.Count.EqualTo(repoCount));
        Assert.That(perRepo.Values, Is.All.EqualTo(1));
        Assert.That(await InboxAsync(ConsumerA), Has.Some.Matches<System.Text.Json.Nodes.JsonNode?>(m => m!["kind"]!.GetValue<string>() == kind));
    }
}

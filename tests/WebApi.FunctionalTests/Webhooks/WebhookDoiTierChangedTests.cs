using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StateHub.Domain.Doi;
using StateHub.Domain.Webhooks;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Webhooks;

/// <summary>
/// <c>doi.tier_changed</c>: written with the DoI cache row, in the same transaction, when an
/// evaluation finds a tier other than the cached one; exactly one event per change, even when
/// several requests (or nodes) evaluate the same repo at once.
/// </summary>
public sealed class WebhookDoiTierChangedTests : WebhookTestBase
{
    private const string Slug = "tiered";
    private TestRepoDirectory _dir = null!;

    [SetUp]
    public async Task Arrange()
    {
        // core: active domain, remote and fingerprint recorded, a readable directory with agent instructions.
        _dir = TestRepoDirectory.Create();
        _dir.Write("AGENTS.md", "# Agent instructions\n");
        await CreateDomainAsync();
        await RegisterRepoAsync(Slug, remoteUrl: "git@example.com:org/tiered.git", gitFingerprint: new string('a', 40), localPath: _dir.Path);
    }

    [TearDown]
    public void Cleanup() => _dir.Dispose();

    [Test]
    public async Task TierChange_DeliveredOnce_WithThinPayloadAndValidSignature()
    {
        var webhook = await SubscribeAsync(new[] { "doi.tier_changed" });
        var secret = webhook["secret"]!.GetValue<string>();
        var id = webhook["id"]!.GetValue<string>();

        var first = await GetOkAsync($"/repos/{Slug}/doi");
        Assert.That(first["tier"]!.GetValue<string>(), Is.EqualTo("core"));
        Assert.That(await TierEventsAsync(), Is.Zero, "a first evaluation is the baseline: no earlier tier to change from");

        await SendOkAsync(HttpMethod.Patch, "/domains/platform", new { status = "paused" });
        var paused = await GetOkAsync($"/repos/{Slug}/doi");
        Assert.That(paused["tier"]!.GetValue<string>(), Is.EqualTo("none"));

        await Receiver.WaitUntilAsync(r => r.Count == 1, what: "the tier change");
        var received = Receiver.Received.Single();
        Assert.That(WebhookReceiver.Verifies(received, secret), Is.True);
        var body = Payload(received);
        Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("doi.tier_changed"));
        Assert.That(body["id"]!.GetValue<string>(), Is.EqualTo(received.Id));
        Assert.That(body["sequence"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(DateTimeOffset.Parse(body["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            Is.EqualTo(DateTimeOffset.Parse(paused["checked_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)), "when the evaluation happened");
        var data = body["data"]!;
        var repo = await GetOkAsync($"/repos/{Slug}");
        Assert.That(data["repo_id"]!.GetValue<string>(), Is.EqualTo(repo["id"]!.GetValue<string>()));
        Assert.That(data["repo_slug"]!.GetValue<string>(), Is.EqualTo(Slug));
        Assert.That(data["domain_slug"]!.GetValue<string>(), Is.EqualTo("platform"));
        Assert.That(data["previous_tier"]!.GetValue<string>(), Is.EqualTo("core"));
        Assert.That(data["tier"]!.GetValue<string>(), Is.EqualTo("none"));
        Assert.That(data["core_pass"]!.GetValue<bool>(), Is.False);
        Assert.That(data["evaluation"]!.GetValue<string>(), Is.EqualTo("full"));
        Assert.That(data["links"]!["doi"]!.GetValue<string>(), Is.EqualTo($"/repos/{Slug}/doi"));

        // No change: neither the report, forced or not, nor the fleet summary announces anything.
        await GetOkAsync($"/repos/{Slug}/doi?force_refresh=true");
        Factory.Clock.Advance(TimeSpan.FromDays(2));
        await GetOkAsync("/repos/doi/summary");
        await GetOkAsync($"/repos/{Slug}/doi?force_refresh=true");
        Assert.That(await TierEventsAsync(), Is.EqualTo(1));

        // Back to core, seen by the fleet summary this time.
        await SendOkAsync(HttpMethod.Patch, "/domains/platform", new { status = "active" });
        var summary = (await GetOkAsync("/repos/doi/summary")).AsArray();
        Assert.That(summary.Single()!["tier"]!.GetValue<string>(), Is.EqualTo("core"));
        await Receiver.WaitUntilAsync(r => r.Count == 2, what: "the second tier change");
        var back = Receiver.Received.Select(Payload).Single(p => p["sequence"]!.GetValue<long>() == 2)["data"]!;
        Assert.That(back["previous_tier"]!.GetValue<string>(), Is.EqualTo("none"));
        Assert.That(back["tier"]!.GetValue<string>(), Is.EqualTo("core"));
        Assert.That(back["evaluation"]!.GetValue<string>(), Is.EqualTo("summary"));

        var log = await WaitForDeliveriesAsync(id, l => l.Count == 2 && l.All(d => d!["status"]!.GetValue<string>() == "succeeded"), "two logged successes");
        Assert.That(log.All(d => d!["event_type"]!.GetValue<string>() == "doi.tier_changed"), Is.True);
    }

    [Test]
    public async Task SubscriberOfOtherEvents_GetsNoTierChange()
    {
        await SubscribeAsync(new[] { "repo.archived" });
        await GetOkAsync($"/repos/{Slug}/doi");
        await SendOkAsync(HttpMethod.Patch, "/domains/platform", new { status = "paused" });
        await GetOkAsync($"/repos/{Slug}/doi");

        Assert.That(await TierEventsAsync(), Is.Zero, "the outbox keeps only events some subscription wants");
    }

    [Test]
    public async Task CommitFails_CacheWriteAndEventRollBackTogether()
    {
        await SubscribeAsync(new[] { "doi.tier_changed" });
        await GetOkAsync($"/repos/{Slug}/doi");
        await SendOkAsync(HttpMethod.Patch, "/domains/platform", new { status = "paused" });

        Factory.CommitSabotage.FailNextCommit();
        using (var failed = await Client.GetAsync($"/repos/{Slug}/doi"))
            Assert.That(failed.IsSuccessStatusCode, Is.False);

        Assert.That(await TierEventsAsync(), Is.Zero);
        Assert.That(await CachedTierAsync(), Is.EqualTo(DoiTier.Core), "the cache row rolled back with its event");

        // The next evaluation announces the change that was never committed.
        await GetOkAsync($"/repos/{Slug}/doi");
        Assert.That(await TierEventsAsync(), Is.EqualTo(1));
        await Receiver.WaitUntilAsync(r => r.Count == 1, what: "the tier change");
    }

    [TestCase("/repos/" + Slug + "/doi?force_refresh=true")]
    [TestCase("/repos/doi/summary")]
    public async Task ConcurrentEvaluations_OfOneChange_WriteExactlyOneEvent(string url)
    {
        await SubscribeAsync(new[] { "doi.tier_changed" });
        await GetOkAsync($"/repos/{Slug}/doi");
        Assert.That(await CachedTierAsync(), Is.EqualTo(DoiTier.Core));
        await SendOkAsync(HttpMethod.Patch, "/domains/platform", new { status = "paused" });
        var repoId = Guid.Parse((await GetOkAsync($"/repos/{Slug}"))["id"]!.GetValue<string>());

        // Hold the cache row, so every request has evaluated and is inside its write when the first one proceeds.
        const int requests = 4;
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM doi_cache WHERE repo_id = @id FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.AddWithValue("id", repoId);
            await lockRow.ExecuteNonQueryAsync();
        }

        var calls = Enumerable.Range(0, requests).Select(_ => Client.GetAsync(url)).ToList();
        await RowLockBarrier.WaitForLockWaitersAsync(requests);
        await transaction.CommitAsync();
        await transaction.DisposeAsync();

        foreach (var response in await Task.WhenAll(calls))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            response.Dispose();
        }

        Assert.That(await CachedTierAsync(), Is.EqualTo(DoiTier.None));
        Assert.That(await TierEventsAsync(), Is.EqualTo(1), "one change, one event, however many nodes saw it");
        await Receiver.WaitUntilAsync(r => r.Count == 1, what: "the tier change");
        await Task.Delay(300);
        Assert.That(Receiver.Received, Has.Count.EqualTo(1));
    }

    private async Task<int> TierEventsAsync()
    {
        var count = 0;
        await WithDbAsync(async db => count = await db.WebhookEvents.CountAsync(e => e.Type == WebhookEventTypes.DoiTierChanged));
        return count;
    }

    private async Task<DoiTier> CachedTierAsync()
    {
        var tier = DoiTier.None;
        await WithDbAsync(async db => tier = (await db.DoiCache.AsNoTracking().SingleAsync()).Tier);
        return tier;
    }
}

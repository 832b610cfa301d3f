using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Webhooks;

/// <summary>Events reach a real receiver, signed per Standard Webhooks, from the outbox written with the change.</summary>
public sealed class WebhookDeliveryTests : WebhookTestBase
{
    [Test]
    public async Task Ping_Delivered_WithStandardWebhooksHeadersBodyAndValidSignature()
    {
        var webhook = await SubscribeAsync();
        var secret = webhook["secret"]!.GetValue<string>();
        var id = webhook["id"]!.GetValue<string>();

        var accepted = await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/ping", expected: HttpStatusCode.Accepted);
        Assert.That(accepted["status"]!.GetValue<string>(), Is.EqualTo("pending"));

        await Receiver.WaitUntilAsync(r => r.Count == 1, what: "the ping");
        var received = Receiver.Received.Single();
        var body = Payload(received);
        Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("webhook.ping"));
        Assert.That(body["id"]!.GetValue<string>(), Is.EqualTo(received.Id));
        Assert.That(body["id"]!.GetValue<string>(), Is.EqualTo(accepted["event_id"]!.GetValue<string>()));
        Assert.That(body["sequence"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(body["data"]!["webhook_id"]!.GetValue<string>(), Is.EqualTo(id));
        Assert.That(DateTimeOffset.Parse(body["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Factory.Clock.GetUtcNow()));
        Assert.That(long.Parse(received.Timestamp, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(30));
        Assert.That(received.Headers["Content-Type"].ToString(), Does.StartWith("application/json"));

        Assert.That(WebhookReceiver.Verifies(received, secret), Is.True, "the reference implementation accepts the signature");
        Assert.That(received.Signature, Is.EqualTo(Sign(secret, received)), "v1, + base64 HMAC-SHA256 of id.timestamp.body");
        Assert.That(WebhookReceiver.Verifies(received, "whsec_" + Convert.ToBase64String(new byte[32])), Is.False, "another secret does not verify");

        var log = await WaitForDeliveriesAsync(id, l => l.Count == 1 && l[0]!["status"]!.GetValue<string>() == "succeeded", "the logged success");
        var entry = log[0]!;
        Assert.That(entry["event_type"]!.GetValue<string>(), Is.EqualTo("webhook.ping"));
        Assert.That(entry["attempt"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(entry["response_status"]!.GetValue<int>(), Is.EqualTo(200));
        Assert.That(entry["response_body"]!.GetValue<string>(), Is.EqualTo("received 0"));
        Assert.That(entry["duration_ms"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(0));
        Assert.That(entry["next_attempt_at"], Is.Null);

        var health = await GetOkAsync($"/webhooks/{id}");
        Assert.That(health["last_success_at"], Is.Not.Null);
        Assert.That(health["consecutive_failures"]!.GetValue<int>(), Is.EqualTo(0));
    }

    /// <summary>§11 "first 4 KiB of the response body": in UTF-8 bytes, cut between characters.</summary>
    [TestCase("€", 1365)]
    [TestCase("a", 4096)]
    public async Task ResponseBody_KeepsAtMostTheFirst4KiB_CutBetweenCharacters(string unit, int expectedLength)
    {
        Receiver.Answer = _ => string.Concat(Enumerable.Repeat(unit, 3000 * 3 / Encoding.UTF8.GetByteCount(unit)));
        var webhook = await SubscribeAsync();
        var id = webhook["id"]!.GetValue<string>();

        await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/ping", expected: HttpStatusCode.Accepted);

        var log = await WaitForDeliveriesAsync(id, l => l.Count == 1 && l[0]!["status"]!.GetValue<string>() == "succeeded", "the ping");
        var kept = log[0]!["response_body"]!.GetValue<string>();
        Assert.That(Encoding.UTF8.GetByteCount(kept), Is.LessThanOrEqualTo(4096));
        Assert.That(kept, Is.EqualTo(string.Concat(Enumerable.Repeat(unit, expectedLength))), "whole characters only, no U+FFFD");
    }

    [Test]
    public async Task CreatingSubscription_SendsNothingByItself()
    {
        await SubscribeAsync();
        await Task.Delay(500);
        Assert.That(Receiver.Received, Is.Empty);
    }

    [Test]
    public async Task Publish_SendsInboxAndPublishedEvents_WithIncreasingSequenceAndThinData()
    {
        var (origin, consumer, changeId) = await DraftChangeAsync();
        var webhook = await SubscribeAsync(new[] { "interface_change.published", "inbox.message_created", "interface_change.resolved" });
        var secret = webhook["secret"]!.GetValue<string>();

        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{changeId}/publish");
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{changeId}/resolve", new { resolution_note = "done", force = true });

        await Receiver.WaitUntilAsync(r => r.Count == 4, what: "four events");
        var received = Receiver.Received.OrderBy(r => Payload(r)["sequence"]!.GetValue<long>()).ToList();
        Assert.That(received.Select(r => Payload(r)["sequence"]!.GetValue<long>()), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
        Assert.That(received.Select(TypeOf), Is.EqualTo(new[] { "interface_change.published", "inbox.message_created", "interface_change.resolved", "inbox.message_created" }),
            "the change, then the inbox messages its domain-event handler wrote, in one commit each");
        Assert.That(received.All(r => WebhookReceiver.Verifies(r, secret)), Is.True);
        Assert.That(received.Select(r => r.Id).Distinct().Count(), Is.EqualTo(4), "each event has its own id");

        var inbox = Payload(received[1])["data"]!;
        var messages = (await GetOkAsync($"/repos/{consumer}/inbox")).AsArray();
        Assert.That(messages.Select(m => m!["id"]!.GetValue<string>()), Does.Contain(inbox["id"]!.GetValue<string>()));
        Assert.That(inbox["repo_slug"]!.GetValue<string>(), Is.EqualTo(consumer));
        Assert.That(inbox["interface_change_id"]!.GetValue<string>(), Is.EqualTo(changeId));

        var published = Payload(received[0])["data"]!;
        Assert.That(published["interface_change_id"]!.GetValue<string>(), Is.EqualTo(changeId));
        Assert.That(published["origin_repo_slug"]!.GetValue<string>(), Is.EqualTo(origin));
        Assert.That(published["status"]!.GetValue<string>(), Is.EqualTo("published"));
        Assert.That(published["links"]!["interface_change"]!.GetValue<string>(), Is.EqualTo($"/interface-changes/{changeId}"));
        Assert.That(Payload(received[2])["data"]!["status"]!.GetValue<string>(), Is.EqualTo("resolved"));
    }

    [Test]
    public async Task Filters_RepoSlugsMatchOriginOrAffected_DomainAndTypeFiltersExclude()
    {
        var (origin, consumer, changeId) = await DraftChangeAsync();
        var byOrigin = await SubscribeAsync(new[] { "interface_change.published" }, repoSlugs: [origin]);
        var byAffected = await SubscribeAsync(new[] { "interface_change.published" }, repoSlugs: [consumer]);
        var byOther = await SubscribeAsync(new[] { "*" }, repoSlugs: ["someone-else"]);
        var byDomain = await SubscribeAsync(new[] { "interface_change.published" }, domainSlugs: ["platform"]);
        var byOtherDomain = await SubscribeAsync(new[] { "*" }, domainSlugs: ["elsewhere"]);
        var byType = await SubscribeAsync(new[] { "repo.archived" });

        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{changeId}/publish");

        await Receiver.WaitUntilAsync(r => r.Count >= 3, what: "three matching subscriptions");
        await Task.Delay(500);
        Assert.That(Receiver.Received.Count, Is.EqualTo(3), "one delivery each for origin, affected and domain filters");
        Assert.That(Receiver.Received.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1), "the same event id for every subscription");
        foreach (var quiet in new[] { byOther, byOtherDomain, byType })
            Assert.That(await DeliveriesAsync(quiet["id"]!.GetValue<string>()), Is.Empty);
        foreach (var loud in new[] { byOrigin, byAffected, byDomain })
            Assert.That((await DeliveriesAsync(loud["id"]!.GetValue<string>())).Count, Is.EqualTo(1));
    }

    [Test]
    public async Task RepoTaskAndSyncChanges_SendTheirEvents()
    {
        await CreateDomainAsync();
        await SubscribeAsync();
        await RegisterRepoAsync("alpha");
        var workstream = await PostCreatedAsync("/repos/alpha/workstreams", new { key = "WP-1", title = "Plan" });
        var task = await PostCreatedAsync($"/workstreams/{workstream["id"]}/tasks", new { key = "T01", title = "Do it" });
        await SendOkAsync(HttpMethod.Patch, $"/tasks/{task["id"]}", new { status = "in_progress" });
        await SendOkAsync(HttpMethod.Post, "/repos/alpha/sync?fix=true", new { files = Array.Empty<object>() });
        await SendOkAsync(HttpMethod.Patch, "/repos/alpha/archive");

        var expected = new[] { "repo.registered", "task.created", "task.status_changed", "workplan.synced", "repo.archived" };
        await Receiver.WaitUntilAsync(r => r.Count >= expected.Length, what: "five events");
        var received = Receiver.Received.OrderBy(r => Payload(r)["sequence"]!.GetValue<long>()).ToList();
        Assert.That(received.Select(TypeOf), Is.EqualTo(expected));
        var changed = Payload(received[2])["data"]!;
        Assert.That(changed["task_id"]!.GetValue<string>(), Is.EqualTo(task["id"]!.GetValue<string>()));
        Assert.That(changed["status"]!.GetValue<string>(), Is.EqualTo("in_progress"));
        Assert.That(changed["previous_status"]!.GetValue<string>(), Is.EqualTo("todo"));
        Assert.That(changed["repo_slug"]!.GetValue<string>(), Is.EqualTo("alpha"));
        Assert.That(Payload(received[4])["data"]!["status"]!.GetValue<string>(), Is.EqualTo("archived"));
    }

    [Test]
    public async Task SyncCreatingAWorkstream_SendsTaskCreatedForEachOfItsTasks()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
        await SubscribeAsync(new[] { "task.created" });
        const string plan = "---\nid: WP-NEW\ntitle: New plan\nstatus: active\ntasks:\n  - id: T01\n    title: One\n    status: todo\n  - id: T02\n    title: Two\n    status: todo\n---\n";

        await SendOkAsync(HttpMethod.Post, "/repos/alpha/sync?fix=true", new { files = new[] { new { path = "workplans/new.md", content = plan } } });

        await Receiver.WaitUntilAsync(r => r.Count >= 2, what: "task.created for both tasks of the new workstream");
        var data = Receiver.Received.Select(r => Payload(r)["data"]!).ToList();
        Assert.That(data.Select(d => d["repo_slug"]!.GetValue<string>()), Is.All.EqualTo("alpha"));
        Assert.That(data.Select(d => d["task_id"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task RolledBackPublish_SendsNothing_AndLeavesNoOutboxRow()
    {
        var (_, _, changeId) = await DraftChangeAsync();
        var webhook = await SubscribeAsync();
        await Receiver.WaitUntilAsync(r => r.Count == 0);

        Factory.CommitSabotage.FailNextCommit();
        using var response = await Client.PostAsync($"/interface-changes/{changeId}/publish", null);
        Assert.That(response.IsSuccessStatusCode, Is.False);

        await Task.Delay(1000);
        Assert.That(Receiver.Received, Is.Empty);
        Assert.That(await DeliveriesAsync(webhook["id"]!.GetValue<string>()), Is.Empty);
        Assert.That((await GetOkAsync($"/interface-changes/{changeId}"))["status"]!.GetValue<string>(), Is.EqualTo("draft"));

        // The same publish committed does send, so the silence above came from the rollback.
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{changeId}/publish");
        await Receiver.WaitUntilAsync(r => r.Any(x => TypeOf(x) == "interface_change.published"), what: "the committed publish");
    }

    [Test]
    public async Task FailingReceiver_GetsTheFourthAttemptWithTheSameWebhookId_AndTheLogShowsFourAttempts()
    {
        var webhook = await SubscribeAsync();
        var id = webhook["id"]!.GetValue<string>();
        Receiver.Respond = (_, n) => n < 3 ? 500 : 204;

        await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/ping", expected: HttpStatusCode.Accepted);

        await Receiver.WaitUntilAsync(r => r.Count == 4, what: "four attempts");
        Assert.That(Receiver.Received.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1), "every retry carries the same webhook-id");
        Assert.That(Receiver.Received.All(r => WebhookReceiver.Verifies(r, webhook["secret"]!.GetValue<string>())), Is.True);

        var log = await WaitForDeliveriesAsync(id, l => l.Count == 4 && l.Any(e => e!["status"]!.GetValue<string>() == "succeeded"), "four logged attempts");
        var attempts = log.OrderBy(e => e!["attempt"]!.GetValue<int>()).ToList();
        Assert.That(attempts.Select(e => e!["attempt"]!.GetValue<int>()), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(attempts.Select(e => e!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "failed", "failed", "failed", "succeeded" }));
        Assert.That(attempts.Take(3).Select(e => e!["response_status"]!.GetValue<int>()), Is.All.EqualTo(500));
        Assert.That(attempts.Take(3).Select(e => e!["next_attempt_at"]), Is.All.Not.Null, "a failed attempt says when the retry is due");
        Assert.That(attempts.Select(e => e!["event_id"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(1));
        Assert.That((await DeliveriesAsync(id, "?status=failed")).Count, Is.EqualTo(3));
        Assert.That((await DeliveriesAsync(id, "?status=succeeded&limit=1")).Count, Is.EqualTo(1));
    }

    [Test]
    public async Task ReceiverFailingEveryAttempt_StopsAfterTheScheduleAndRecoverSendsAgain()
    {
        var webhook = await SubscribeAsync();
        var id = webhook["id"]!.GetValue<string>();
        Receiver.Respond = (_, _) => 503;

        await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/ping", expected: HttpStatusCode.Accepted);
        var log = await WaitForDeliveriesAsync(id, l => l.Count == 4 && l.All(e => e!["status"]!.GetValue<string>() == "failed"), "four failed attempts");
        Assert.That(log.Single(e => e!["attempt"]!.GetValue<int>() == 4)!["next_attempt_at"], Is.Null, "no fifth attempt: the schedule has four entries");
        var health = await GetOkAsync($"/webhooks/{id}");
        Assert.That(health["consecutive_failures"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(health["enabled"]!.GetValue<bool>(), Is.True, "a 503 does not disable");

        Receiver.Respond = (_, _) => 200;
        var recovery = await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/recover", new { since = Factory.Clock.GetUtcNow().AddHours(-1) }, HttpStatusCode.Accepted);
        Assert.That(recovery["requeued"]!.GetValue<int>(), Is.EqualTo(1));
        await WaitForDeliveriesAsync(id, l => l.Any(e => e!["status"]!.GetValue<string>() == "succeeded" && e["attempt"]!.GetValue<int>() == 5), "the recovered attempt");
        Assert.That(Receiver.Received.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1));

        var again = await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/recover", new { since = Factory.Clock.GetUtcNow().AddHours(-1) }, HttpStatusCode.Accepted);
        Assert.That(again["requeued"]!.GetValue<int>(), Is.EqualTo(0), "nothing failed is left");
    }

    [Test]
    public async Task Redeliver_SendsTheSameEventAgainAsANewAttempt()
    {
        var webhook = await SubscribeAsync();
        var id = webhook["id"]!.GetValue<string>();
        await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/ping", expected: HttpStatusCode.Accepted);
        var log = await WaitForDeliveriesAsync(id, l => l.Count == 1 && l[0]!["status"]!.GetValue<string>() == "succeeded", "the first delivery");

        var redelivery = await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/deliveries/{log[0]!["id"]}/redeliver", expected: HttpStatusCode.Accepted);
        Assert.That(redelivery["attempt"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(redelivery["event_id"]!.GetValue<string>(), Is.EqualTo(log[0]!["event_id"]!.GetValue<string>()));

        await Receiver.WaitUntilAsync(r => r.Count == 2, what: "the redelivery");
        Assert.That(Receiver.Received.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1));
        Assert.That(Receiver.Received.Select(r => Payload(r)["sequence"]!.GetValue<long>()).Distinct().Single(), Is.EqualTo(1));

        using var unknown = await Client.PostAsync($"/webhooks/{id}/deliveries/{Guid.NewGuid()}/redeliver", null);
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Receiver410_DisablesTheSubscriptionAtOnce()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
        var webhook = await SubscribeAsync(repoSlugs: ["alpha"]);
        var id = webhook["id"]!.GetValue<string>();
        Receiver.Respond = (_, _) => 410;

        await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/ping", expected: HttpStatusCode.Accepted);
        await WaitForDeliveriesAsync(id, l => l.Count == 1 && l[0]!["status"]!.GetValue<string>() == "failed", "the failed attempt");

        var after = await GetOkAsync($"/webhooks/{id}");
        Assert.That(after["enabled"]!.GetValue<bool>(), Is.False);
        Assert.That(after["disabled_reason"]!.GetValue<string>(), Does.Contain("410"));
        Assert.That((await DeliveriesAsync(id)).Count, Is.EqualTo(1), "no retry after a 410");
        var events = (await GetOkAsync("/repos/alpha/events")).AsArray();
        Assert.That(events.Any(e => e!["kind"]!.GetValue<string>() == "webhook_disabled"), Is.True);

        // Disabled: further events are not sent; enabling again resumes.
        await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/ping", expected: HttpStatusCode.Accepted);
        await Task.Delay(500);
        Assert.That(Receiver.Received.Count, Is.EqualTo(1));
        Receiver.Respond = (_, _) => 200;
        var enabled = await SendOkAsync(HttpMethod.Patch, $"/webhooks/{id}", new { enabled = true });
        Assert.That(enabled["enabled"]!.GetValue<bool>(), Is.True);
        Assert.That(enabled["consecutive_failures"]!.GetValue<int>(), Is.EqualTo(0));
        await Receiver.WaitUntilAsync(r => r.Count == 2, what: "the queued ping after enabling");
    }

    [Test]
    public async Task Disabled_WithRepoAndDomainFilters_SaidOnTheReposBothFiltersMatch()
    {
        await CreateDomainAsync();
        await CreateDomainAsync("other", "Other");
        await RegisterRepoAsync("alpha");
        await RegisterRepoAsync("beta", "other");
        await RegisterRepoAsync("gamma");
        var webhook = await SubscribeAsync(repoSlugs: ["alpha", "beta"], domainSlugs: ["platform"]);
        var id = webhook["id"]!.GetValue<string>();
        Receiver.Respond = (_, _) => 410;

        await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/ping", expected: HttpStatusCode.Accepted);
        await WaitForDeliveriesAsync(id, l => l.Count == 1 && l[0]!["status"]!.GetValue<string>() == "failed", "the failed attempt");

        async Task<bool> ToldAsync(string repo) =>
            (await GetOkAsync($"/repos/{repo}/events")).AsArray().Any(e => e!["kind"]!.GetValue<string>() == "webhook_disabled");
        Assert.That(await ToldAsync("alpha"), Is.True, "named, and in the named domain");
        Assert.That(await ToldAsync("beta"), Is.False, "named, but its domain is not: the subscription never sends about it");
        Assert.That(await ToldAsync("gamma"), Is.False, "in the domain, but not named");
    }

    [Test]
    public async Task FailingForDisableAfter_DisablesWithProgressEventAndDashboardNotice()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
        var webhook = await SubscribeAsync();
        var id = webhook["id"]!.GetValue<string>();
        Receiver.Respond = (_, _) => 500;

        await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/ping", expected: HttpStatusCode.Accepted);
        await WaitForDeliveriesAsync(id, l => l.Count == 4 && l.All(e => e!["status"]!.GetValue<string>() == "failed"), "the failed attempts");
        Assert.That((await GetOkAsync($"/webhooks/{id}"))["enabled"]!.GetValue<bool>(), Is.True, "not yet: failing for less than 5 days");

        Factory.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        JsonNode current;
        do
        {
            await Task.Delay(100);
            current = await GetOkAsync($"/webhooks/{id}");
        }
        while (current["enabled"]!.GetValue<bool>() && DateTime.UtcNow < deadline);
        Assert.That(current["enabled"]!.GetValue<bool>(), Is.False);
        Assert.That(current["disabled_reason"]!.GetValue<string>(), Does.Contain("failed"));
        var events = (await GetOkAsync("/repos/alpha/events")).AsArray();
        Assert.That(events.Any(e => e!["kind"]!.GetValue<string>() == "webhook_disabled"), Is.True, "a progress event says so");

        var page = await Client.GetStringAsync("/dashboard/webhooks");
        Assert.That(page, Does.Contain("Disabled:"));
        Assert.That(page, Does.Contain(Receiver.Url));
    }

    [Test]
    public async Task Rotation_BothSignaturesDuringTheOverlap_OnlyTheNewAfterIt()
    {
        var webhook = await SubscribeAsync();
        var id = webhook["id"]!.GetValue<string>();
        var oldSecret = webhook["secret"]!.GetValue<string>();

        var rotated = await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/rotate-secret");
        var newSecret = rotated["secret"]!.GetValue<string>();
        Assert.That(newSecret, Is.Not.EqualTo(oldSecret));
        Assert.That(DateTimeOffset.Parse(rotated["previous_secret_expires_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            Is.EqualTo(Factory.Clock.GetUtcNow().AddHours(24)));

        await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/ping", expected: HttpStatusCode.Accepted);
        await Receiver.WaitUntilAsync(r => r.Count == 1, what: "the ping during the overlap");
        var during = Receiver.Received.Single();
        Assert.That(during.Signature.Split(' '), Has.Length.EqualTo(2), "two signatures, space-separated");
        Assert.That(WebhookReceiver.Verifies(during, newSecret), Is.True);
        Assert.That(WebhookReceiver.Verifies(during, oldSecret), Is.True);

        Factory.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/ping", expected: HttpStatusCode.Accepted);
        await Receiver.WaitUntilAsync(r => r.Count == 2, what: "the ping after the overlap");
        var after = Receiver.Received.Last();
        Assert.That(after.Signature.Split(' '), Has.Length.EqualTo(1));
        Assert.That(WebhookReceiver.Verifies(after, newSecret), Is.True);
        Assert.That(WebhookReceiver.Verifies(after, oldSecret), Is.False);
    }

    private static string Sign(string secret, ReceivedWebhook received)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{received.Id}.{received.Timestamp}.{received.Body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}

using System.Net;

namespace StateHub.WebApi.FunctionalTests.Webhooks;

/// <summary>The events of claims (issue 13's sweep included) and of acknowledgements reach a subscriber with their thin data.</summary>
public sealed class WebhookClaimAndAcknowledgementEventsTests : WebhookTestBase
{
    protected override IReadOnlyDictionary<string, string?>? HostSettings =>
        new Dictionary<string, string?>(base.HostSettings!) { ["Work:ClaimSweepSeconds"] = "0.2" };

    [Test]
    public async Task ClaimThenLapse_SendsTaskClaimedThenTaskClaimExpired()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
        var workstream = await PostCreatedAsync("/repos/alpha/workstreams", new { key = "WP-1", title = "Plan" });
        var task = await PostCreatedAsync($"/workstreams/{workstream["id"]}/tasks", new { key = "T01", title = "Do it" });
        var taskId = task["id"]!.GetValue<string>();
        var webhook = await SubscribeAsync(new[] { "task.claimed", "task.claim_expired" }, repoSlugs: ["alpha"]);

        await SendOkAsync(HttpMethod.Post, $"/tasks/{taskId}/claim", new { claimant = "agent-a", ttl_seconds = 60 });
        await Receiver.WaitUntilAsync(r => r.Count == 1, what: "task.claimed");
        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        await Receiver.WaitUntilAsync(r => r.Count == 2, what: "task.claim_expired from the sweep");

        var received = Receiver.Received.OrderBy(r => Payload(r)["sequence"]!.GetValue<long>()).ToList();
        Assert.That(received.Select(TypeOf), Is.EqualTo(new[] { "task.claimed", "task.claim_expired" }));
        Assert.That(received.All(r => WebhookReceiver.Verifies(r, webhook["secret"]!.GetValue<string>())), Is.True);
        var claimed = Payload(received[0])["data"]!;
        Assert.That(claimed["task_id"]!.GetValue<string>(), Is.EqualTo(taskId));
        Assert.That(claimed["repo_slug"]!.GetValue<string>(), Is.EqualTo("alpha"));
        Assert.That(claimed["status"]!.GetValue<string>(), Is.EqualTo("in_progress"));
        Assert.That(claimed["claimed_by"]!.GetValue<string>(), Is.EqualTo("agent-a"));
        var expired = Payload(received[1])["data"]!;
        Assert.That(expired["task_id"]!.GetValue<string>(), Is.EqualTo(taskId));
        Assert.That(expired["status"]!.GetValue<string>(), Is.EqualTo("todo"));
        Assert.That(expired["previous_holder"]!.GetValue<string>(), Is.EqualTo("agent-a"));
    }

    [Test]
    public async Task Acknowledgement_SendsInterfaceChangeAcknowledged_NamingTheConsumerAndItsStatus()
    {
        var (origin, consumer, changeId) = await DraftChangeAsync();
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{changeId}/publish");
        // Filtered on the origin: an acknowledgement is about the origin too.
        await SubscribeAsync(new[] { "interface_change.acknowledged" }, repoSlugs: [origin]);

        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{changeId}/acknowledgements/{consumer}", new { status = "acknowledged", note = "on it" });

        await Receiver.WaitUntilAsync(r => r.Count == 1, what: "interface_change.acknowledged");
        var body = Payload(Receiver.Received.Single());
        Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("interface_change.acknowledged"));
        var data = body["data"]!;
        Assert.That(data["interface_change_id"]!.GetValue<string>(), Is.EqualTo(changeId));
        Assert.That(data["origin_repo_slug"]!.GetValue<string>(), Is.EqualTo(origin));
        Assert.That(data["consumer"]!["repo_slug"]!.GetValue<string>(), Is.EqualTo(consumer));
        Assert.That(data["consumer"]!["status"]!.GetValue<string>(), Is.EqualTo("acknowledged"));
        await Task.Delay(300);
        Assert.That(Receiver.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Acknowledgement_RepeatedOrNoteOnly_SendsNothing_OnlyStatusMovesDo()
    {
        var (origin, consumer, changeId) = await DraftChangeAsync();
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{changeId}/publish");
        await SubscribeAsync(new[] { "interface_change.acknowledged" }, repoSlugs: [origin]);
        var url = $"/interface-changes/{changeId}/acknowledgements/{consumer}";

        await SendOkAsync(HttpMethod.Post, url, new { status = "acknowledged", note = "on it" });
        await SendOkAsync(HttpMethod.Post, url, new { status = "acknowledged", note = "on it" });
        await SendOkAsync(HttpMethod.Post, url, new { status = "acknowledged", note = "still on it" });
        await SendOkAsync(HttpMethod.Post, url, new { status = "migrated" });

        await Receiver.WaitUntilAsync(r => r.Count == 2, what: "two interface_change.acknowledged");
        var statuses = Receiver.Received.Select(Payload).OrderBy(b => b["sequence"]!.GetValue<long>())
            .Select(b => b["data"]!["consumer"]!["status"]!.GetValue<string>());
        Assert.That(statuses, Is.EqualTo(new[] { "acknowledged", "migrated" }));
        await Task.Delay(300);
        Assert.That(Receiver.Received, Has.Count.EqualTo(2));
    }
}

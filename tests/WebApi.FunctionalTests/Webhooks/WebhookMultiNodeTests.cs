using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Webhooks;

/// <summary>Two hosts on one database share the delivery work: nothing lost, nothing sent twice while both live.</summary>
[NonParallelizable]
public sealed class WebhookMultiNodeTests : WebhookTestBase
{
    private const int Events = 500;

    protected override IReadOnlyDictionary<string, string?>? HostSettings => NodeSettings(workerEnabled: false);

    private static Dictionary<string, string?> NodeSettings(bool workerEnabled) => new()
    {
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:RetrySchedule"] = "0s,100ms,100ms,100ms",
        ["Webhooks:PollInterval"] = "50ms",
        ["Webhooks:LeaseDuration"] = "3s",
        ["Webhooks:BatchSize"] = "10",
        ["Webhooks:MaxConcurrency"] = "4",
        ["Webhooks:WorkerEnabled"] = workerEnabled ? "true" : "false",
    };

    [Test]
    public async Task TwoNodes_500Events_EveryEventDeliveredExactlyOnce()
    {
        var webhookId = await QueueEventsAsync();

        await using var nodeA = new StateHubApiFactory(NodeSettings(workerEnabled: true));
        await using var nodeB = new StateHubApiFactory(NodeSettings(workerEnabled: true));
        _ = nodeA.Services.GetRequiredService<IServiceScopeFactory>();
        _ = nodeB.Services.GetRequiredService<IServiceScopeFactory>();

        await Receiver.WaitUntilAsync(r => r.Select(x => x.Id).Distinct().Count() == Events, TimeSpan.FromSeconds(90), "every event");
        // A worker records success after the receiver has answered: wait until every attempt is recorded.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await DeliveriesAsync(webhookId, "?status=pending")).Count > 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "attempts still pending");
            await Task.Delay(200);
        }

        var ids = Receiver.Received.Select(r => r.Id).ToList();
        Assert.That(ids.Distinct().Count(), Is.EqualTo(Events), "every event delivered");
        Assert.That(ids, Has.Count.EqualTo(Events), "none delivered twice while both nodes are healthy");
        Assert.That((await DeliveriesAsync(webhookId, "?status=succeeded&limit=500")).Count, Is.EqualTo(Events));
        Assert.That((await DeliveriesAsync(webhookId, "?status=pending")).Count, Is.Zero);
    }

    [Test]
    public async Task NodeStoppedMidBatch_NothingLost_DuplicatesOnlyWithTheSameWebhookId()
    {
        var webhookId = await QueueEventsAsync();
        Receiver.Delay = TimeSpan.FromMilliseconds(20);

        var nodeA = new StateHubApiFactory(NodeSettings(workerEnabled: true));
        await using var nodeB = new StateHubApiFactory(NodeSettings(workerEnabled: true));
        _ = nodeA.Services.GetRequiredService<IServiceScopeFactory>();
        _ = nodeB.Services.GetRequiredService<IServiceScopeFactory>();

        await Receiver.WaitUntilAsync(r => r.Count >= Events / 4, TimeSpan.FromSeconds(60), "a quarter of the events");
        await nodeA.DisposeAsync(); // stops node A with deliveries leased and in flight

        await Receiver.WaitUntilAsync(r => r.Select(x => x.Id).Distinct().Count() == Events, TimeSpan.FromSeconds(90), "every event after node A stopped");

        // What node A sent but could not record stays leased until its lease lapses; node B then
        // takes it over and sends it again (the allowed duplicate). Wait for that to settle.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await DeliveriesAsync(webhookId, "?status=pending")).Count > 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "node A's leased deliveries were never taken over");
            await Task.Delay(200);
        }

        var byId = Receiver.Received.GroupBy(r => r.Id).ToList();
        Assert.That(byId, Has.Count.EqualTo(Events), "nothing lost");
        var duplicates = byId.Where(g => g.Count() > 1).ToList();
        // Only what node A had leased (one batch, of which at most MaxConcurrency in flight) can come twice.
        Assert.That(duplicates.Sum(g => g.Count() - 1), Is.LessThanOrEqualTo(10), "duplicates only for node A's leased deliveries");
        foreach (var g in duplicates)
            Assert.That(g.Select(r => Payload(r)["sequence"]!.GetValue<long>()).Distinct().Count(), Is.EqualTo(1), "a duplicate is the same event, same webhook-id and sequence");
    }

    /// <summary>Commits <see cref="Events"/> events through the fixture's host, whose own worker is off.</summary>
    private async Task<string> QueueEventsAsync()
    {
        var webhook = await SubscribeAsync();
        var id = webhook["id"]!.GetValue<string>();
        var tasks = Enumerable.Range(0, Events).Select(async _ =>
        {
            using var response = await Client.PostAsync($"/webhooks/{id}/ping", null);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        });
        foreach (var chunk in tasks.Chunk(25))
            await Task.WhenAll(chunk);
        Assert.That((await DeliveriesAsync(id, "?status=pending&limit=500")).Count, Is.EqualTo(Events));
        Assert.That(Receiver.Received, Is.Empty, "nothing is sent before a worker runs");
        return id;
    }
}

using System.Net;
using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Webhooks;

/// <summary>A host that may deliver to loopback, with a short retry schedule, and a real receiver per test.</summary>
public abstract class WebhookTestBase : FunctionalTestBase
{
    protected WebhookReceiver Receiver { get; private set; } = null!;

    protected virtual string RetrySchedule => "0s,100ms,100ms,100ms";

    protected override IReadOnlyDictionary<string, string?>? HostSettings => new Dictionary<string, string?>
    {
        ["Webhooks:WorkerEnabled"] = "true",
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:RetrySchedule"] = RetrySchedule,
        ["Webhooks:PollInterval"] = "50ms",
        ["Webhooks:LeaseDuration"] = "5s",
    };

    [SetUp]
    public async Task StartReceiver() => Receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiver() => await Receiver.DisposeAsync();

    protected async Task<JsonNode> SubscribeAsync(object? eventTypes = null, string[]? repoSlugs = null, string[]? domainSlugs = null, string? url = null) =>
        await PostCreatedAsync("/webhooks/", new
        {
            url = url ?? Receiver.Url,
            event_types = eventTypes ?? new[] { "*" },
            repo_slugs = repoSlugs,
            domain_slugs = domainSlugs,
            description = "test receiver",
        });

    protected async Task<JsonArray> DeliveriesAsync(string webhookId, string query = "") =>
        (await GetOkAsync($"/webhooks/{webhookId}/deliveries{query}")).AsArray();

    /// <summary>Waits until the subscription's log satisfies <paramref name="condition"/>.</summary>
    protected async Task<JsonArray> WaitForDeliveriesAsync(string webhookId, Func<JsonArray, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonArray log = [];
        while (DateTime.UtcNow < deadline)
        {
            log = await DeliveriesAsync(webhookId);
            if (condition(log))
                return log;
            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting for {what}; log: {log.ToJsonString()}");
        return log;
    }

    protected async Task<(string Origin, string Consumer, string ChangeId)> DraftChangeAsync(string origin = "producer", string consumer = "consumer", string domain = "platform")
    {
        if ((await Client.GetAsync($"/domains/{domain}")).StatusCode == HttpStatusCode.NotFound)
            await CreateDomainAsync(domain, domain);
        await RegisterRepoAsync(origin, domain);
        await RegisterRepoAsync(consumer, domain);
        var change = await PostCreatedAsync("/interface-changes/", new
        {
            origin_repo_slug = origin,
            title = "Rename the dispatch field",
            change_type = "breaking",
            interface_type = "http_api",
            affected_repo_slugs = new[] { consumer },
        });
        return (origin, consumer, change["id"]!.GetValue<string>());
    }

    protected static JsonNode Payload(ReceivedWebhook received) => JsonNode.Parse(received.Body)!;

    protected static string TypeOf(ReceivedWebhook received) => Payload(received)["type"]!.GetValue<string>();
}

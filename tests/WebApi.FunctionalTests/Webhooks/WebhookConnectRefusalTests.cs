using Microsoft.Extensions.DependencyInjection;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Webhooks;

/// <summary>
/// The SSRF guard at connect time: a subscription made while private networks were allowed is
/// refused when a node that disallows them delivers, so nothing reaches the private target.
/// </summary>
public sealed class WebhookConnectRefusalTests : WebhookTestBase
{
    // The fixture's host creates the subscription (loopback allowed) and does not deliver.
    protected override IReadOnlyDictionary<string, string?>? HostSettings => new Dictionary<string, string?>(base.HostSettings!)
    {
        ["Webhooks:WorkerEnabled"] = "false",
    };

    [Test]
    public async Task SubscriptionMadeWithPrivateAllowed_DeliveredByNodeDisallowingIt_AttemptFailed_NothingSent()
    {
        var webhook = await SubscribeAsync();
        var id = webhook["id"]!.GetValue<string>();
        await SendOkAsync(HttpMethod.Post, $"/webhooks/{id}/ping", expected: System.Net.HttpStatusCode.Accepted);

        await using var strictNode = new StateHubApiFactory(new Dictionary<string, string?>
        {
            ["Webhooks:WorkerEnabled"] = "true",
            ["Webhooks:AllowPrivateNetworks"] = "false",
            ["Webhooks:RetrySchedule"] = "0s",
            ["Webhooks:PollInterval"] = "50ms",
        });
        _ = strictNode.Services.GetRequiredService<IServiceScopeFactory>();

        var log = await WaitForDeliveriesAsync(id, l => l.Count == 1 && l[0]!["status"]!.GetValue<string>() == "failed", "the refused attempt");
        var attempt = log[0]!;
        Assert.That(attempt["response_status"], Is.Null, "no HTTP answer: the connection was never made");
        Assert.That(attempt["error"]?.GetValue<string>() ?? attempt.ToJsonString(), Does.Contain("Refused at delivery time").And.Contain("loopback"));
        await Task.Delay(300);
        Assert.That(Receiver.Received, Is.Empty, "nothing reached the private target");
    }
}

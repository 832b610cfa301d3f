using System.Globalization;

namespace StateHub.WebApi.FunctionalTests.Webhooks;

/// <summary>Entry 1 of <c>Webhooks:RetrySchedule</c> is the delay before the first attempt.</summary>
public sealed class WebhookFirstAttemptDelayTests : WebhookTestBase
{
    protected override string RetrySchedule => "3s,100ms";

    [Test]
    public async Task FirstEntryOfTheSchedule_DelaysTheFirstAttempt()
    {
        await CreateDomainAsync();
        var webhook = await SubscribeAsync(new[] { "repo.registered" });
        var id = webhook["id"]!.GetValue<string>();
        var started = DateTime.UtcNow;

        await RegisterRepoAsync("alpha");

        var pending = (await DeliveriesAsync(id)).Single()!;
        Assert.That(pending["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        var due = DateTimeOffset.Parse(pending["next_attempt_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.That(due - Factory.Clock.GetUtcNow(), Is.InRange(TimeSpan.FromSeconds(2.4), TimeSpan.FromSeconds(3.6)), "3 s ± 20 %");

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.That(Receiver.Received, Is.Empty, "not before its delay");
        await Receiver.WaitUntilAsync(r => r.Count == 1, what: "the delayed first attempt");
        Assert.That(DateTime.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2.3)));
    }
}

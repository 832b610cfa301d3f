using StateHub.Domain.Webhooks;

namespace StateHub.Domain.UnitTests.Webhooks;

/// <summary>§11: what a failed attempt leads to: a retry by the schedule, none after 410 Gone, a disabled subscription.</summary>
public sealed class WebhookFailurePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan[] Schedule = [TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)];
    private static readonly TimeSpan DisableAfter = TimeSpan.FromDays(5);

    private static WebhookSubscription Subscription() =>
        WebhookSubscription.Create("https://hooks.example.com/in", ["*"], null, null, null, "whsec_" + Convert.ToBase64String(new byte[32]));

    private static WebhookDelivery Attempt(int number)
    {
        var delivery = WebhookDelivery.First(Guid.NewGuid(), WebhookEvent.Create("webhook.ping", Now, "{}", [], []), 1, Now);
        for (var i = 1; i < number; i++)
            delivery = delivery.Next(Now, Now);
        return delivery;
    }

    [TestCase(1, 500, 5)]
    [TestCase(2, null, 300)]
    public void DelayBeforeRetry_FailedWithAttemptsLeft_IsTheScheduleEntryOfTheNextAttempt(int attempt, int? status, int seconds) =>
        Assert.That(Attempt(attempt).DelayBeforeRetry(status, Schedule, latestAttempt: attempt), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [Test]
    public void DelayBeforeRetry_LastAttemptOfTheSchedule_None() =>
        Assert.That(Attempt(3).DelayBeforeRetry(500, Schedule, latestAttempt: 3), Is.Null);

    [Test]
    public void DelayBeforeRetry_Gone_None() =>
        Assert.That(Attempt(1).DelayBeforeRetry(WebhookDelivery.GoneStatus, Schedule, latestAttempt: 1), Is.Null);

    [Test]
    public void DelayBeforeRetry_ALaterAttemptExists_None() =>
        Assert.That(Attempt(1).DelayBeforeRetry(500, Schedule, latestAttempt: 2), Is.Null, "a redelivery took over");

    [Test]
    public void DisableReasonAfterFailure_Gone_AtOnce()
    {
        var subscription = Subscription();
        subscription.RecordFailure(Now);
        Assert.That(subscription.DisableReasonAfterFailure(WebhookDelivery.GoneStatus, DisableAfter, Now), Does.Contain("410 Gone"));
    }

    [Test]
    public void DisableReasonAfterFailure_FailingShorterThanTheWindow_None_ThenLonger_SaysSince()
    {
        var subscription = Subscription();
        subscription.RecordFailure(Now);
        Assert.That(subscription.DisableReasonAfterFailure(500, DisableAfter, Now + DisableAfter - TimeSpan.FromSeconds(1)), Is.Null);

        subscription.RecordFailure(Now + DisableAfter);
        var reason = subscription.DisableReasonAfterFailure(500, DisableAfter, Now + DisableAfter);
        Assert.That(reason, Does.Contain("failed since " + Now.ToString("O")).And.Contain("(2 attempts)"));
    }

    [Test]
    public void DisableReasonAfterFailure_ASuccessInBetween_StartsTheWindowAgain()
    {
        var subscription = Subscription();
        subscription.RecordFailure(Now);
        subscription.RecordSuccess(Now + TimeSpan.FromDays(4));
        subscription.RecordFailure(Now + TimeSpan.FromDays(5));
        Assert.That(subscription.DisableReasonAfterFailure(500, DisableAfter, Now + TimeSpan.FromDays(6)), Is.Null);
    }
}

using StateHub.Domain.Common;

namespace StateHub.Domain.Webhooks;

/// <summary>
/// One attempt to send one event to one subscription. A pending attempt is the unit of work the
/// delivery workers lease; when it fails and the schedule allows, the next attempt is a new row
/// with the same event (so the same <c>webhook-id</c>) and the same <c>sequence</c>.
/// </summary>
public sealed class WebhookDelivery : Entity
{
    /// <summary>How much of a receiver's answer is kept.</summary>
    public const int ResponseBodyMaxBytes = 4096;
    public const int ErrorMaxLength = 1000;

    private WebhookDelivery()
    {
    }

    public Guid SubscriptionId { get; private set; }

    public Guid EventId { get; private set; }

    public string EventType { get; private set; } = null!;

    public long Sequence { get; private set; }

    /// <summary>1 for the first attempt.</summary>
    public int Attempt { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; } = WebhookDeliveryStatus.Pending;

    public int? ResponseStatus { get; private set; }

    public string? ResponseBody { get; private set; }

    public int? DurationMs { get; private set; }

    /// <summary>Why an attempt failed without an HTTP answer (timeout, refused address, connection error).</summary>
    public string? Error { get; private set; }

    /// <summary>Pending: when it is due. Failed: when the retry is due (null when none follows).</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>
    /// The same due time on the database's own clock: a worker takes a pending attempt when either
    /// is reached, so an application clock held still (tests) does not hold deliveries back.
    /// </summary>
    public DateTimeOffset DueRealAt { get; private set; }

    /// <summary>Until when a worker holds this attempt; another worker may take it after that.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    /// <summary>Identifies the lease, so a worker that lost its lease cannot record an outcome.</summary>
    public Guid? LeaseToken { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <param name="dueRealAt">The due time on the real clock; by default the attempt is due at once.</param>
    public static WebhookDelivery First(Guid subscriptionId, WebhookEvent webhookEvent, long sequence, DateTimeOffset dueAt, DateTimeOffset? dueRealAt = null) =>
        new()
        {
            SubscriptionId = subscriptionId,
            EventId = webhookEvent.Id,
            EventType = webhookEvent.Type,
            Sequence = sequence,
            Attempt = 1,
            NextAttemptAt = dueAt,
            DueRealAt = dueRealAt ?? DateTimeOffset.UnixEpoch,
        };

    /// <summary>Another attempt of the same event for the same subscription (a retry, a redelivery, a recovery).</summary>
    public WebhookDelivery Next(DateTimeOffset dueAt, DateTimeOffset dueRealAt) =>
        new()
        {
            SubscriptionId = SubscriptionId,
            EventId = EventId,
            EventType = EventType,
            Sequence = Sequence,
            Attempt = Attempt + 1,
            NextAttemptAt = dueAt,
            DueRealAt = dueRealAt,
        };

    /// <summary>A new attempt numbered after <paramref name="lastAttempt"/>, due now.</summary>
    public WebhookDelivery Again(int lastAttempt, DateTimeOffset now) =>
        new()
        {
            SubscriptionId = SubscriptionId,
            EventId = EventId,
            EventType = EventType,
            Sequence = Sequence,
            Attempt = lastAttempt + 1,
            NextAttemptAt = now,
            DueRealAt = DateTimeOffset.UnixEpoch,
        };

    /// <summary>The answer that says the receiver is gone for good: no retry, and the subscription is disabled (§11).</summary>
    public const int GoneStatus = 410;

    /// <summary>
    /// The delay before the next attempt after this one failed, from the retry schedule (entry k is the
    /// delay before attempt k), or null when there is none: after a 410 Gone, after the schedule's last
    /// attempt, or when a later attempt of the event exists already (<paramref name="latestAttempt"/>:
    /// a redelivery took over).
    /// </summary>
    public TimeSpan? DelayBeforeRetry(int? responseStatus, IReadOnlyList<TimeSpan> retrySchedule, int latestAttempt) =>
        responseStatus == GoneStatus || Attempt >= retrySchedule.Count || latestAttempt != Attempt
            ? null
            : retrySchedule[Attempt];

    public void Succeed(int responseStatus, string? responseBody, int durationMs, DateTimeOffset now)
    {
        Status = WebhookDeliveryStatus.Succeeded;
        ResponseStatus = responseStatus;
        ResponseBody = responseBody;
        DurationMs = durationMs;
        NextAttemptAt = null;
        CompletedAt = now;
        ReleaseLease();
    }

    public void Fail(int? responseStatus, string? responseBody, string? error, int durationMs, DateTimeOffset? retryAt, DateTimeOffset now)
    {
        Status = WebhookDeliveryStatus.Failed;
        ResponseStatus = responseStatus;
        ResponseBody = responseBody;
        Error = error is { Length: > ErrorMaxLength } ? error[..ErrorMaxLength] : error;
        DurationMs = durationMs;
        NextAttemptAt = retryAt;
        CompletedAt = now;
        ReleaseLease();
    }

    private void ReleaseLease()
    {
        LeaseExpiresAt = null;
        LeaseToken = null;
    }
}

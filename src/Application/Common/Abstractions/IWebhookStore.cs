using StateHub.Domain.Webhooks;

namespace StateHub.Application.Common.Abstractions;

/// <summary>Webhook subscriptions, outbox events and delivery attempts.</summary>
public interface IWebhookStore
{
    void Add(WebhookSubscription subscription);

    /// <summary>
    /// Deletes the subscription with its delivery log, taking locks in the order writers and the delivery
    /// worker take them, so a delete waits for a writer queueing events or an outcome being recorded
    /// instead of deadlocking with either.
    /// </summary>
    Task RemoveAsync(WebhookSubscription subscription, CancellationToken cancellationToken);

    void Add(WebhookEvent webhookEvent);

    void Add(WebhookDelivery delivery);

    /// <summary>The subscription, tracked.</summary>
    Task<WebhookSubscription?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// The subscription, tracked, its row locked until the transaction ends against other edits and
    /// delivery outcomes (not against writers queueing events for it).
    /// </summary>
    Task<WebhookSubscription?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// The first of <paramref name="count"/> new sequence numbers of the subscription, taken in commit
    /// order (a later transaction waits for this one and gets higher numbers); null when it is gone.
    /// </summary>
    Task<long?> TakeSequencesAsync(Guid subscriptionId, int count, CancellationToken cancellationToken);

    /// <summary>Every subscription, oldest first.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A subscription's attempts newest first (created_at, attempt, id, all descending), only those in
    /// <paramref name="status"/> when given, and only those after <paramref name="after"/> in that order when given.
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(Guid subscriptionId, WebhookDeliveryStatus? status, int limit, CancellationToken cancellationToken, DeliveryPosition? after = null);

    /// <summary>One attempt of the subscription, tracked.</summary>
    Task<WebhookDelivery?> GetDeliveryAsync(Guid subscriptionId, Guid deliveryId, CancellationToken cancellationToken);

    /// <summary>The highest attempt number recorded for this event and subscription.</summary>
    Task<int> LastAttemptAsync(Guid subscriptionId, Guid eventId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a new attempt, due now, for every event of the subscription whose latest attempt failed
    /// at or after <paramref name="since"/>; returns how many were queued.
    /// </summary>
    Task<int> RequeueFailedSinceAsync(Guid subscriptionId, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Refuses webhook targets that would reach the hub's own network (SSRF).</summary>
public interface IWebhookTargetGuard
{
    /// <summary>Null when <paramref name="url"/> may receive webhooks; otherwise why not, in a sentence.</summary>
    Task<string?> RefusalAsync(string url, CancellationToken cancellationToken);
}

/// <summary>Where a page of a delivery log ended: the sort keys of its last attempt.</summary>
public sealed record DeliveryPosition(DateTimeOffset CreatedAt, int Attempt, Guid Id);

using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Webhooks;
using StateHub.Infrastructure.Webhooks;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class WebhookStore(StateHubDbContext db, WebhookOutbox outbox) : IWebhookStore
{
    public void Add(WebhookSubscription subscription) => db.WebhookSubscriptions.Add(subscription);

    public async Task RemoveAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        // In the command's transaction, in the writers' order: the sequence counter first (a writer holding
        // numbers finishes queueing its deliveries), then the log, in the delivery worker's order (an attempt,
        // then its subscription), then at the save the subscription row. WebhookSequences says why.
        await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM webhook_sequences WHERE subscription_id = {subscription.Id} FOR UPDATE")
            .ToListAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.SubscriptionId == subscription.Id).ExecuteDeleteAsync(cancellationToken);
        db.WebhookSubscriptions.Remove(subscription);
    }

    public void Add(WebhookEvent webhookEvent) => db.WebhookEvents.Add(webhookEvent);

    public void Add(WebhookDelivery delivery)
    {
        db.WebhookDeliveries.Add(delivery);
        outbox.QueuedDeliveries = true;
    }

    public Task<WebhookSubscription?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    public async Task<WebhookSubscription?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken)
    {
        var rows = await db.WebhookSubscriptions
            .FromSql($"SELECT * FROM webhook_subscriptions WHERE id = {id} FOR NO KEY UPDATE")
            .ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    public Task<long?> TakeSequencesAsync(Guid subscriptionId, int count, CancellationToken cancellationToken) =>
        WebhookSequences.TakeAsync(db, subscriptionId, count, cancellationToken);

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.AsNoTracking()
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(Guid subscriptionId, WebhookDeliveryStatus? status, int limit, CancellationToken cancellationToken, DeliveryPosition? after = null)
    {
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId);
        if (status is { } s)
            query = query.Where(d => d.Status == s);
        if (after is not null)
        {
            // Keyset: one row comparison in the list's own order, so pages stay stable while attempts are added.
            var (at, attempt, id) = (after.CreatedAt, after.Attempt, after.Id);
            query = query.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.CreatedAt, d.Attempt, d.Id), ValueTuple.Create(at, attempt, id)));
        }

        return await query
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Attempt).ThenByDescending(d => d.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public Task<WebhookDelivery?> GetDeliveryAsync(Guid subscriptionId, Guid deliveryId, CancellationToken cancellationToken) =>
        db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == subscriptionId, cancellationToken);

    public async Task<int> LastAttemptAsync(Guid subscriptionId, Guid eventId, CancellationToken cancellationToken) =>
        await db.WebhookDeliveries
            .Where(d => d.SubscriptionId == subscriptionId && d.EventId == eventId)
            .MaxAsync(d => (int?)d.Attempt, cancellationToken) ?? 0;

    public async Task<int> RequeueFailedSinceAsync(Guid subscriptionId, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Every attempt of the events that failed since then; of each event, its latest attempt
        // is queued again when it failed (a pending retry or a later success leaves it alone).
        var failedEvents = db.WebhookDeliveries
            .Where(d => d.SubscriptionId == subscriptionId && d.Status == WebhookDeliveryStatus.Failed && (d.CompletedAt ?? d.CreatedAt) >= since)
            .Select(d => d.EventId);
        var attempts = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.SubscriptionId == subscriptionId && failedEvents.Contains(d.EventId))
            .ToListAsync(cancellationToken);
        var latest = attempts
            .GroupBy(d => d.EventId)
            .Select(g => g.MaxBy(d => d.Attempt)!)
            .Where(d => d.Status == WebhookDeliveryStatus.Failed)
            .OrderBy(d => d.Sequence)
            .ToList();
        foreach (var failed in latest)
            Add(failed.Again(failed.Attempt, now));
        return latest.Count;
    }
}

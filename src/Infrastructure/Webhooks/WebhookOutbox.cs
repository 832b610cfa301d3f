using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StateHub.Application.Webhooks;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Webhooks;
using StateHub.Infrastructure.Persistence;

namespace StateHub.Infrastructure.Webhooks;

/// <summary>
/// Collects the events of one unit of work and, when it saves, writes them with their deliveries
/// through the same DbContext, so they commit or roll back with the change. Sequence numbers come
/// from <see cref="WebhookSequences"/>, in commit order.
/// </summary>
internal sealed class WebhookOutbox(StateHubDbContext db, TimeProvider clock, IOptionsMonitor<WebhookOptions> options) : IWebhookOutbox
{
    private static readonly JsonSerializerOptions DataJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };

    private readonly List<WebhookEvent> _pending = [];

    /// <summary>Set when this unit of work queued a delivery, so the local worker can be woken after the commit.</summary>
    public bool QueuedDeliveries { get; set; }

    public void Enqueue(string eventType, DateTimeOffset occurredAt, object data, IReadOnlyCollection<string> repoSlugs, IReadOnlyCollection<string> domainSlugs) =>
        _pending.Add(WebhookEvent.Create(eventType, occurredAt, JsonSerializer.Serialize(data, DataJson), repoSlugs, domainSlugs));

    /// <summary>Writes the collected events and their deliveries into the DbContext; the caller saves.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
            return;
        var events = _pending.ToList();
        _pending.Clear();

        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.Enabled)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);

        // Entry 1 of the retry schedule is the delay before the first attempt (0s by default).
        var delay = WebhookDispatcher.Jitter(options.CurrentValue.ParsedRetrySchedule()[0]);
        var dueAt = clock.GetUtcNow() + delay;
        var dueRealAt = delay <= TimeSpan.Zero ? DateTimeOffset.UnixEpoch : TimeProvider.System.GetUtcNow() + delay;
        var matched = new HashSet<WebhookEvent>();

        // Subscriptions in id order, so concurrent writers lock them in the same order.
        foreach (var subscription in subscriptions)
        {
            var matching = events.Where(e => subscription.Matches(e.Type, e.RepoSlugs, e.DomainSlugs)).ToList();
            if (matching.Count == 0)
                continue;
            if (await WebhookSequences.TakeAsync(db, subscription.Id, matching.Count, cancellationToken) is not { } sequence)
                continue; // deleted meanwhile
            foreach (var e in matching)
            {
                // Events no subscription wants are not kept: the outbox holds only what is to be sent.
                if (matched.Add(e))
                    db.WebhookEvents.Add(e);
                db.WebhookDeliveries.Add(WebhookDelivery.First(subscription.Id, e, sequence++, dueAt, dueRealAt));
            }

            QueuedDeliveries = true;
        }
    }
}

using Microsoft.EntityFrameworkCore;
using StateHub.Infrastructure.Persistence;

namespace StateHub.Infrastructure.Webhooks;

/// <summary>
/// Hands out a subscription's sequence numbers from <c>webhook_sequences</c>, a row per subscription
/// (created with it by a trigger; migration <c>WebhookSequencesApartFromSubscriptions</c>).
/// <para>
/// The <c>UPDATE … RETURNING</c> keeps the row locked until the transaction ends, so a later writer
/// waits, gets higher numbers and commits later: the numbers follow commit order. The row is not the
/// subscription's: recording a delivery's outcome (its health counters) and an admin's edit lock the
/// subscription row <c>FOR NO KEY UPDATE</c>, and the writer's delivery insert only takes the foreign
/// key's <c>KEY SHARE</c> on it, so neither waits for the other. Only writers of the same
/// subscription wait for each other, which commit order needs.
/// </para>
/// <para>
/// A writer locks the counter, then (inserting its deliveries) the subscription's key. A delete of the
/// subscription must take them in that order too, the counter first (<c>WebhookStore.RemoveAsync</c>),
/// or a writer holding its numbers and a delete holding the subscription row would deadlock
/// (<c>WebhookSequenceTests</c>). Taking the key first instead (a <c>FOR KEY SHARE</c> before the
/// update) had every queued writer share the subscription row's lock while waiting for the counter,
/// which PostgreSQL tracks as a multixact rebuilt on every change: 53–58 events/s end to end against
/// 81–94 without it (bench/README.md, "Sequence numbers in a row of their own").
/// </para>
/// </summary>
internal static class WebhookSequences
{
    /// <summary>The first of <paramref name="count"/> new numbers, or null when the subscription is gone.</summary>
    public static async Task<long?> TakeAsync(StateHubDbContext db, Guid subscriptionId, int count, CancellationToken cancellationToken)
    {
        var last = await db.Database
            .SqlQuery<long>($"""
                UPDATE webhook_sequences SET last_sequence = last_sequence + {count}
                WHERE subscription_id = {subscriptionId}
                RETURNING last_sequence AS "Value"
                """)
            .ToListAsync(cancellationToken);
        return last.Count == 0 ? null : last[0] - count + 1;
    }
}

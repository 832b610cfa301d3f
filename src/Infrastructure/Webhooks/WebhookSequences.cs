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
/// The writer takes that <c>KEY SHARE</c> before it locks the counter, in the same statement (the
/// subquery is evaluated before the row is updated): a delete of the subscription locks the
/// subscription row and then, by cascade, the counter, so taking them the other way round would let
/// a writer and a delete deadlock (<c>WebhookSequenceTests</c>).
/// </para>
/// </summary>
internal static class WebhookSequences
{
    /// <summary>The first of <paramref name="count"/> new numbers, or null when the subscription is gone.</summary>
    public static async Task<long?> TakeAsync(StateHubDbContext db, Guid subscriptionId, int count, CancellationToken cancellationToken)
    {
        var last = await db.Database
            .SqlQuery<long>($"""
                WITH subscription AS (SELECT id FROM webhook_subscriptions WHERE id = {subscriptionId} FOR KEY SHARE)
                UPDATE webhook_sequences SET last_sequence = last_sequence + {count}
                WHERE subscription_id = (SELECT id FROM subscription)
                RETURNING last_sequence AS "Value"
                """)
            .ToListAsync(cancellationToken);
        return last.Count == 0 ? null : last[0] - count + 1;
    }
}

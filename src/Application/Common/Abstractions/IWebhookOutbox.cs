namespace StateHub.Application.Common.Abstractions;

/// <summary>
/// The transactional outbox of webhook events. An enqueued event is written with the unit of
/// work's next save, in the same transaction as the change that caused it, fanned out to every
/// enabled subscription that matches it: committed together with the change, or not at all.
/// </summary>
public interface IWebhookOutbox
{
    /// <param name="eventType">One of <see cref="Domain.Webhooks.WebhookEventTypes"/>.</param>
    /// <param name="occurredAt">When the change happened (the payload's <c>timestamp</c>).</param>
    /// <param name="data">The thin payload <c>data</c>: ids, slugs, new status, links; serialised with snake_case names.</param>
    /// <param name="repoSlugs">Repos the event is about (for interface changes: origin and every affected repo).</param>
    /// <param name="domainSlugs">Domains of those repos.</param>
    void Enqueue(string eventType, DateTimeOffset occurredAt, object data, IReadOnlyCollection<string> repoSlugs, IReadOnlyCollection<string> domainSlugs);
}

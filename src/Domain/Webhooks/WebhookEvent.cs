using StateHub.Domain.Common;

namespace StateHub.Domain.Webhooks;

/// <summary>
/// One row of the transactional outbox: an event written in the same transaction as the change
/// that caused it. Its id is the <c>webhook-id</c> every subscription and every retry receives.
/// </summary>
public sealed class WebhookEvent : Entity
{
    public const int TypeMaxLength = 64;

    private WebhookEvent()
    {
    }

    public string Type { get; private set; } = null!;

    /// <summary>When the change happened; the payload's <c>timestamp</c>.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The thin payload <c>data</c>, a JSON object stored as jsonb.</summary>
    public string Data { get; private set; } = "{}";

    /// <summary>Repos the event is about (for interface changes: the origin and every affected repo).</summary>
    public IReadOnlyList<string> RepoSlugs { get; private set; } = [];

    /// <summary>Domains of those repos.</summary>
    public IReadOnlyList<string> DomainSlugs { get; private set; } = [];

    public static WebhookEvent Create(string type, DateTimeOffset occurredAt, string dataJson, IEnumerable<string> repoSlugs, IEnumerable<string> domainSlugs)
    {
        if (!WebhookEventTypes.IsKnown(type))
            throw new DomainValidationException("type", $"'{type}' is not a webhook event type.");
        return new WebhookEvent
        {
            Type = type,
            OccurredAt = occurredAt,
            Data = string.IsNullOrWhiteSpace(dataJson) ? "{}" : dataJson,
            RepoSlugs = repoSlugs.Distinct(StringComparer.Ordinal).ToList(),
            DomainSlugs = domainSlugs.Distinct(StringComparer.Ordinal).ToList(),
        };
    }
}

using StateHub.Domain.Common;

namespace StateHub.Domain.Webhooks;

/// <summary>
/// Where and what to send: a receiver URL, the event types it wants (or <c>*</c>), optional repo
/// and domain filters, the signing secret (and, for a day after a rotation, the previous one),
/// and the delivery health the worker keeps up to date.
/// </summary>
public sealed class WebhookSubscription : Entity
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 1000;
    public const int MaxEventTypes = 64;
    public const int MaxFilterSlugs = 200;
    public const int DisabledReasonMaxLength = 500;

    /// <summary>How long the previous secret keeps signing after a rotation.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    private WebhookSubscription()
    {
    }

    public string Url { get; private set; } = null!;

    public string? Description { get; private set; }

    public IReadOnlyList<string> EventTypes { get; private set; } = [];

    public IReadOnlyList<string> RepoSlugs { get; private set; } = [];

    public IReadOnlyList<string> DomainSlugs { get; private set; } = [];

    public bool Enabled { get; private set; } = true;

    public DateTimeOffset? DisabledAt { get; private set; }

    public string? DisabledReason { get; private set; }

    /// <summary><c>whsec_</c> + base64 of the key bytes.</summary>
    public string Secret { get; private set; } = null!;

    public string? PreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    public DateTimeOffset? LastSuccessAt { get; private set; }

    public DateTimeOffset? LastFailureAt { get; private set; }

    /// <summary>Failed attempts since the last success.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>When the current run of failures began (null while healthy).</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    public static WebhookSubscription Create(string url, IEnumerable<string> eventTypes, IEnumerable<string>? repoSlugs, IEnumerable<string>? domainSlugs, string? description, string secret)
    {
        var subscription = new WebhookSubscription { Secret = secret };
        subscription.ChangeUrl(url);
        subscription.ChangeEventTypes(eventTypes);
        subscription.ChangeRepoSlugs(repoSlugs);
        subscription.ChangeDomainSlugs(domainSlugs);
        subscription.Describe(description);
        return subscription;
    }

    public void ChangeUrl(string url) => Url = Guard.Required(url, "url", UrlMaxLength);

    public void Describe(string? description) => Description = Guard.Optional(description, "description", DescriptionMaxLength);

    public void ChangeEventTypes(IEnumerable<string> eventTypes)
    {
        var types = eventTypes.Distinct(StringComparer.Ordinal).ToList();
        if (types.Count == 0)
            throw new DomainValidationException("event_types", "'event_types' must list at least one event type, or [\"*\"] for all.");
        var unknown = types.Where(t => t != WebhookEventTypes.Wildcard && !WebhookEventTypes.IsKnown(t)).ToList();
        if (unknown.Count > 0)
            throw new DomainValidationException("event_types", $"Unknown event type{(unknown.Count == 1 ? "" : "s")}: {string.Join(", ", unknown.Select(u => $"'{u}'"))}.");
        EventTypes = types.Contains(WebhookEventTypes.Wildcard) ? [WebhookEventTypes.Wildcard] : types;
    }

    public void ChangeRepoSlugs(IEnumerable<string>? slugs) => RepoSlugs = Slugs(slugs, "repo_slugs");

    public void ChangeDomainSlugs(IEnumerable<string>? slugs) => DomainSlugs = Slugs(slugs, "domain_slugs");

    /// <summary>Turns deliveries on again and forgets the run of failures that disabled it.</summary>
    public void Enable()
    {
        if (Enabled)
            return;
        Enabled = true;
        DisabledAt = null;
        DisabledReason = null;
        ConsecutiveFailures = 0;
        FailingSince = null;
    }

    public void Disable(string reason, DateTimeOffset now)
    {
        if (!Enabled)
            return;
        Enabled = false;
        DisabledAt = now;
        DisabledReason = reason.Length > DisabledReasonMaxLength ? reason[..DisabledReasonMaxLength] : reason;
    }

    /// <summary>Installs <paramref name="newSecret"/>; the current one keeps signing for <see cref="RotationOverlap"/>.</summary>
    public void RotateSecret(string newSecret, DateTimeOffset now)
    {
        PreviousSecret = Secret;
        PreviousSecretExpiresAt = now + RotationOverlap;
        Secret = newSecret;
    }

    /// <summary>
    /// The secrets that sign a delivery made at <paramref name="now"/>: the current one, then the previous
    /// one until its overlap ends. Static, because the delivery worker has the subscription's columns, not
    /// the entity.
    /// </summary>
    public static IReadOnlyList<string> SigningSecrets(string secret, string? previousSecret, DateTimeOffset? previousSecretExpiresAt, DateTimeOffset now) =>
        previousSecret is not null && previousSecretExpiresAt > now ? [secret, previousSecret] : [secret];

    /// <summary>Whether an event about these repos and domains, of this type, goes to this subscription.</summary>
    public bool Matches(string eventType, IReadOnlyCollection<string> repoSlugs, IReadOnlyCollection<string> domainSlugs)
    {
        if (!EventTypes.Contains(WebhookEventTypes.Wildcard) && !EventTypes.Contains(eventType))
            return false;
        if (RepoSlugs.Count > 0 && !repoSlugs.Any(RepoSlugs.Contains))
            return false;
        if (DomainSlugs.Count > 0 && !domainSlugs.Any(DomainSlugs.Contains))
            return false;
        return true;
    }

    public void RecordSuccess(DateTimeOffset now)
    {
        LastSuccessAt = now;
        ConsecutiveFailures = 0;
        FailingSince = null;
    }

    public void RecordFailure(DateTimeOffset now)
    {
        LastFailureAt = now;
        ConsecutiveFailures++;
        FailingSince ??= now;
    }

    /// <summary>True when every delivery has failed for at least <paramref name="window"/>.</summary>
    public bool FailingLongerThan(TimeSpan window, DateTimeOffset now) =>
        Enabled && FailingSince is { } since && now - since >= window;

    /// <summary>
    /// Why a failed attempt (recorded with <see cref="RecordFailure"/>) disables the subscription, or null:
    /// a 410 Gone at once, else every delivery having failed for <paramref name="disableAfter"/> (§11).
    /// </summary>
    public string? DisableReasonAfterFailure(int? responseStatus, TimeSpan disableAfter, DateTimeOffset now) =>
        responseStatus == WebhookDelivery.GoneStatus ? "The receiver answered 410 Gone, so the subscription was disabled."
        : FailingLongerThan(disableAfter, now) ? FailingTooLongReason(disableAfter)
        : null;

    /// <summary>The reason given when every delivery has failed for <paramref name="disableAfter"/>.</summary>
    public string FailingTooLongReason(TimeSpan disableAfter) =>
        $"Every delivery has failed since {FailingSince:O} ({ConsecutiveFailures} attempts), longer than Webhooks:DisableAfter ({disableAfter}), so the subscription was disabled.";

    private static List<string> Slugs(IEnumerable<string>? slugs, string field)
    {
        var list = (slugs ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > MaxFilterSlugs)
            throw new DomainValidationException(field, $"'{field}' may list at most {MaxFilterSlugs} slugs.");
        var invalid = list.Where(s => !Slug.IsValid(s)).ToList();
        if (invalid.Count > 0)
            throw new DomainValidationException(field, $"'{field}' holds invalid slugs: {string.Join(", ", invalid.Take(5).Select(s => $"'{s}'"))}; a slug matches {Slug.Pattern}.");
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}

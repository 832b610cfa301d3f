namespace StateHub.Domain.Webhooks;

/// <summary>The event types a webhook subscription can ask for (spec §11), and the wildcard.</summary>
public static class WebhookEventTypes
{
    public const string Wildcard = "*";

    public const string RepoRegistered = "repo.registered";
    public const string RepoArchived = "repo.archived";
    public const string InterfaceChangePublished = "interface_change.published";
    public const string InterfaceChangeResolved = "interface_change.resolved";
    public const string InterfaceChangeAcknowledged = "interface_change.acknowledged";
    public const string InboxMessageCreated = "inbox.message_created";
    public const string TaskCreated = "task.created";
    public const string TaskStatusChanged = "task.status_changed";
    public const string TaskClaimed = "task.claimed";
    public const string TaskClaimExpired = "task.claim_expired";
    public const string WorkplanSynced = "workplan.synced";
    public const string DoiTierChanged = "doi.tier_changed";
    public const string WebhookPing = "webhook.ping";

    /// <summary>Every type, in the order the spec lists them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        RepoRegistered, RepoArchived, InterfaceChangePublished, InterfaceChangeResolved,
        InterfaceChangeAcknowledged, InboxMessageCreated, TaskCreated, TaskStatusChanged,
        TaskClaimed, TaskClaimExpired, WorkplanSynced, DoiTierChanged, WebhookPing,
    ];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}

namespace StateHub.Domain.InterfaceChanges;

/// <summary>
/// Where one affected repo stands with a published change: <c>notified</c> (on publish) →
/// <c>acknowledged</c> → <c>migrated</c> or <c>not_affected</c>.
/// </summary>
public enum ConsumerStatus
{
    Notified,
    Acknowledged,
    Migrated,
    NotAffected,
}

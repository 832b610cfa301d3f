using StateHub.Domain.Common;

namespace StateHub.Domain.Inbox;

/// <summary>A message to a repo's agent, e.g. that an interface it depends on is changing.</summary>
public sealed class InboxMessage : Entity
{
    public const string InterfaceChangePublishedKind = "interface_change_published";
    public const string InterfaceChangeResolvedKind = "interface_change_resolved";
    public const int KindMaxLength = 100;
    public const int SubjectMaxLength = 1000;

    private InboxMessage()
    {
    }

    public Guid RepoId { get; private set; }

    public string Kind { get; private set; } = null!;

    public string Subject { get; private set; } = null!;

    public string Body { get; private set; } = null!;

    public Guid? InterfaceChangeId { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    public static InboxMessage Create(Guid repoId, string kind, string subject, string body, Guid? interfaceChangeId = null)
    {
        var message = new InboxMessage
        {
            RepoId = repoId,
            Kind = Guard.Required(kind, "kind", KindMaxLength),
            Subject = Guard.Required(subject, "subject", SubjectMaxLength),
            Body = body ?? string.Empty,
            InterfaceChangeId = interfaceChangeId,
        };
        message.Raise(new InboxMessageCreated(message));
        return message;
    }

    /// <summary>Marking read is idempotent: the first read time is kept.</summary>
    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}

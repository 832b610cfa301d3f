using StateHub.Domain.Common;

namespace StateHub.Domain.Inbox;

/// <summary>A message was put in a repo's inbox.</summary>
public sealed record InboxMessageCreated(InboxMessage Message) : IDomainEvent;

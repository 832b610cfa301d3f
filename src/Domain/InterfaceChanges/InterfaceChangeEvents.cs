using StateHub.Domain.Common;

namespace StateHub.Domain.InterfaceChanges;

/// <summary>A draft became published: the affected repos must hear of it.</summary>
public sealed record InterfaceChangePublished(InterfaceChange Change) : IDomainEvent;

/// <summary>A published change was resolved.</summary>
public sealed record InterfaceChangeResolved(InterfaceChange Change) : IDomainEvent;

/// <summary>One affected repo recorded where it stands with a published change.</summary>
public sealed record InterfaceChangeAcknowledged(InterfaceChange Change, InterfaceChangeConsumer Consumer) : IDomainEvent;

/// <summary>The last pending consumer finished (migrated or not_affected): the origin should hear of it.</summary>
public sealed record InterfaceChangeConsumersDone(InterfaceChange Change) : IDomainEvent;

using StateHub.Domain.Common;

namespace StateHub.Domain.InterfaceChanges;

/// <summary>A draft became published: the affected repos must hear of it.</summary>
public sealed record InterfaceChangePublished(InterfaceChange Change) : IDomainEvent;

/// <summary>A published change was resolved.</summary>
public sealed record InterfaceChangeResolved(InterfaceChange Change) : IDomainEvent;

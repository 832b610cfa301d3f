using StateHub.Domain.Common;

namespace StateHub.Domain.Work;

/// <summary>A task was added to a workstream.</summary>
public sealed record TaskCreated(WorkTask Task) : IDomainEvent;

/// <summary>A task moved from one status to another.</summary>
public sealed record TaskStatusChanged(WorkTask Task, WorkTaskStatus From, WorkTaskStatus To) : IDomainEvent;

/// <summary>A task was claimed anew (not a renewal); <see cref="WorkTask.ClaimToken"/> is the new token.</summary>
public sealed record TaskClaimed(WorkTask Task, string Claimant, DateTimeOffset ExpiresAt, long ClaimToken) : IDomainEvent;

/// <summary>A lapsed claim ended (the sweep returned the task to todo, or someone claimed or moved it before the sweep came by); <paramref name="PreviousHolder"/> held it until <paramref name="ExpiredAt"/>.</summary>
public sealed record TaskClaimExpired(WorkTask Task, string PreviousHolder, DateTimeOffset ExpiredAt, long ClaimToken) : IDomainEvent;

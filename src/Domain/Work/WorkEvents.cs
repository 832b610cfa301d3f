using StateHub.Domain.Common;

namespace StateHub.Domain.Work;

/// <summary>A task was added to a workstream.</summary>
public sealed record TaskCreated(WorkTask Task) : IDomainEvent;

/// <summary>A task moved from one status to another.</summary>
public sealed record TaskStatusChanged(WorkTask Task, WorkTaskStatus From, WorkTaskStatus To) : IDomainEvent;

using StateHub.Application.Tasks;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Work;

namespace StateHub.Application.Dispatch;

/// <summary>What an agent learns at session start: its goal, its open work, what needs a human and what changed around it.</summary>
public sealed record DispatchDto
{
    public string RepoSlug { get; init; } = null!;

    /// <summary>The most urgent active goal (lowest priority number, then oldest), or null.</summary>
    public DispatchGoalDto? ActiveGoal { get; init; }

    /// <summary>Active workstreams in the order they were created.</summary>
    public IReadOnlyList<DispatchWorkstreamDto> ActiveWorkstreams { get; init; } = [];

    /// <summary>Pending tasks of the active workstreams that need a human, by priority, then creation.</summary>
    public IReadOnlyList<DispatchTaskDto> HumanInterventions { get; init; } = [];

    /// <summary>What <c>POST /repos/{slug}/claim-next</c> would take now: the most urgent ready task (priority, then creation), or null.</summary>
    public DispatchTaskDto? NextTask { get; init; }

    /// <summary>Published, unresolved interface changes this repo still has to deal with (its status notified or acknowledged), newest publication first.</summary>
    public IReadOnlyList<PendingInterfaceChangeDto> PendingInterfaceChanges { get; init; } = [];

    /// <summary>Inbox messages of this repo not yet marked read.</summary>
    public int UnreadInboxCount { get; init; }

    /// <summary>When the hub last synced this repo's workplan files.</summary>
    public DateTimeOffset? LastStateSyncedAt { get; init; }
}

public sealed record DispatchGoalDto
{
    public Guid Id { get; init; }

    public string Title { get; init; } = null!;

    public string? Description { get; init; }

    public int Priority { get; init; }
}

public sealed record DispatchWorkstreamDto
{
    public Guid Id { get; init; }

    public string Key { get; init; } = null!;

    public string Title { get; init; } = null!;

    public WorkstreamStatus Status { get; init; }

    /// <summary>Todo and in-progress tasks, by priority, then creation.</summary>
    public IReadOnlyList<DispatchTaskDto> PendingTasks { get; init; } = [];
}

public sealed record DispatchTaskDto
{
    public Guid Id { get; init; }

    public string Key { get; init; } = null!;

    /// <summary>The key of the task's workstream: task keys repeat across workstreams (two T02s).</summary>
    public string WorkstreamKey { get; init; } = null!;

    public string Title { get; init; } = null!;

    public int Priority { get; init; }

    public WorkTaskStatus Status { get; init; }

    public bool NeedsHuman { get; init; }

    /// <summary>True when the task is todo, its workstream active and nothing blocks it.</summary>
    public bool Ready { get; init; }

    /// <summary>The unfinished blockers (tasks not done or cancelled, interface changes not resolved).</summary>
    public IReadOnlyList<BlockerDto> BlockedBy { get; init; } = [];

    /// <summary>Who holds the claim; null when nobody does (an expired claim is nobody's).</summary>
    public string? ClaimedBy { get; init; }

    /// <summary>When the current claim lapses; null when unclaimed.</summary>
    public DateTimeOffset? ClaimExpiresAt { get; init; }
}

public sealed record PendingInterfaceChangeDto
{
    public Guid Id { get; init; }

    public string Title { get; init; } = null!;

    public ChangeType ChangeType { get; init; }

    public InterfaceType InterfaceType { get; init; }

    public string OriginRepoSlug { get; init; } = null!;

    public IReadOnlyList<string> AffectedPaths { get; init; } = [];

    public DateOnly? PlannedFor { get; init; }

    /// <summary>When the change was published; every pending change has been.</summary>
    public DateTimeOffset PublishedAt { get; init; }

    /// <summary>This repo's status for the change: notified or acknowledged (set it with POST /interface-changes/{id}/acknowledgements/{repo_slug}).</summary>
    public ConsumerStatus MyStatus { get; init; }
}

namespace StateHub.Application.Workplans;

/// <summary>What a fix did to one workstream or task. On the wire: <c>created_workstream</c>, <c>updated_task</c>, ...</summary>
public enum WorkplanChangeAction
{
    CreatedWorkstream,
    CreatedTask,
    UpdatedWorkstream,
    UpdatedTask,
    ArchivedWorkstream,
    CancelledTask,
}

/// <summary>One change a fix made so that the hub matches the files; updates name the <see cref="Field"/> with its old and new value.</summary>
public sealed record WorkplanChange
{
    public WorkplanChangeAction Action { get; init; }

    public string WorkstreamKey { get; init; } = null!;

    public string? TaskKey { get; init; }

    /// <summary>The field an update changed: <c>status</c>, <c>title</c>, <c>priority</c>, <c>needs_human</c> or <c>source_path</c>.</summary>
    public string? Field { get; init; }

    public string? OldValue { get; init; }

    public string? NewValue { get; init; }

    /// <summary>The workplan file behind the change.</summary>
    public string? Path { get; init; }
}

namespace StateHub.Application.Workplans.Commands.SyncRepo;

/// <summary>Where a sync took the workplan files from.</summary>
public enum WorkplanSourceKind
{
    /// <summary>The repo's directory on this hub host.</summary>
    Disk,

    /// <summary>The request body, pushed by the repo's agent.</summary>
    Body,
}

/// <summary>The outcome of a workplan sync: the drift found and, with <c>fix</c>, what was changed to remove it.</summary>
public sealed record SyncReportDto
{
    public string RepoSlug { get; init; } = null!;

    /// <summary>Whether the hub was made to match the files.</summary>
    public bool Fix { get; init; }

    public WorkplanSourceKind Source { get; init; }

    /// <summary>How many workplan files were considered, readable or not.</summary>
    public int FilesChecked { get; init; }

    /// <summary>The drift found before any fix, files in path order, then orphan workstreams by key.</summary>
    public IReadOnlyList<DriftItem> Drift { get; init; } = [];

    /// <summary>What the fix changed; empty without <c>fix</c>.</summary>
    public IReadOnlyList<WorkplanChange> Changes { get; init; } = [];

    /// <summary>True when the check found no drift at all.</summary>
    public bool InSync { get; init; }

    /// <summary>When the hub was last made to match the repo's files (set by a sync with <c>fix</c>).</summary>
    public DateTimeOffset? LastStateSyncedAt { get; init; }
}

namespace StateHub.Application.Workplans;

/// <summary>A workplan file as read from a repo or pushed by an agent: its repo-relative path and text.</summary>
public sealed record WorkplanSource(string Path, string Content);

/// <summary>
/// The workplan files of one repo as read from disk: the files that could be read, and an
/// <see cref="DriftKind.InvalidFile"/> item for each one that could not (outside the repo, too big, binary).
/// </summary>
public sealed record WorkplanSourceSet(IReadOnlyList<WorkplanSource> Files, IReadOnlyList<DriftItem> Unreadable)
{
    /// <summary>
    /// True when the workplans folder itself could not be listed (a symlink out of the repo, no
    /// permission): which files exist is unknown, so no workstream is taken for an orphan.
    /// </summary>
    public bool FolderUnreadable { get; init; }

    /// <summary>How many workplan files were found, readable or not.</summary>
    public int Count => Files.Count + Unreadable.Count;
}

namespace StateHub.Application.Tasks;

/// <summary>
/// What decides whether a task can be taken, as computed in SQL: <see cref="Ready"/> is todo, in an
/// active workstream, with no unfinished blocker; <see cref="BlockedBy"/> lists the unfinished blockers.
/// </summary>
public sealed record TaskReadiness(bool Ready, bool WorkstreamActive, IReadOnlyList<BlockerDto> BlockedBy)
{
    /// <summary>The blockers as a refusal names them.</summary>
    public IReadOnlyList<string> BlockerNames =>
        BlockedBy.Select(b => $"{b.Kind.Replace('_', ' ')} '{b.KeyOrTitle}' of {b.RepoSlug} ({b.Status})").ToList();
}

/// <summary>An unfinished blocker of a task.</summary>
public sealed record BlockerDto
{
    /// <summary>The dependency's id (for <c>DELETE /tasks/{id}/dependencies/{dependency_id}</c>).</summary>
    public Guid DependencyId { get; init; }

    /// <summary><c>task</c> or <c>interface_change</c>.</summary>
    public string Kind { get; init; } = null!;

    /// <summary>The blocking task's or interface change's id.</summary>
    public Guid Id { get; init; }

    /// <summary>The blocking task's key, or the interface change's title.</summary>
    public string KeyOrTitle { get; init; } = null!;

    /// <summary>The blocking task's repo, or the interface change's origin repo.</summary>
    public string RepoSlug { get; init; } = null!;

    /// <summary>The blocker's status (a task's or an interface change's).</summary>
    public string Status { get; init; } = null!;
}

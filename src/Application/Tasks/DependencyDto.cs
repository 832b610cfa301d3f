namespace StateHub.Application.Tasks;

/// <summary>A dependency of a task: the blocker as <c>blocked_by</c> shows it, with the dependent task.</summary>
public sealed record DependencyDto
{
    /// <summary>The dependency's id (for <c>DELETE /tasks/{task_id}/dependencies/{dependency_id}</c>).</summary>
    public Guid DependencyId { get; init; }

    /// <summary>The task that waits.</summary>
    public Guid TaskId { get; init; }

    /// <summary><c>task</c> or <c>interface_change</c>.</summary>
    public string Kind { get; init; } = null!;

    /// <summary>The blocking task's or interface change's id.</summary>
    public Guid Id { get; init; }

    /// <summary>The blocking task's key, or the interface change's title.</summary>
    public string KeyOrTitle { get; init; } = null!;

    /// <summary>The blocking task's repo, or the interface change's origin repo.</summary>
    public string RepoSlug { get; init; } = null!;

    /// <summary>The blocker's status now.</summary>
    public string Status { get; init; } = null!;

    public DateTimeOffset CreatedAt { get; init; }

    public static DependencyDto From(Guid taskId, BlockerDto blocker, DateTimeOffset createdAt) => new()
    {
        DependencyId = blocker.DependencyId,
        TaskId = taskId,
        Kind = blocker.Kind,
        Id = blocker.Id,
        KeyOrTitle = blocker.KeyOrTitle,
        RepoSlug = blocker.RepoSlug,
        Status = blocker.Status,
        CreatedAt = createdAt,
    };
}

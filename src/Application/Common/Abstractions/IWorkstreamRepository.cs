using StateHub.Domain.Work;

namespace StateHub.Application.Common.Abstractions;

/// <summary>
/// The repository of the Workstream aggregate: a repo's workstreams and, through them, their tasks.
/// A task is created with <see cref="Workstream.AddTask"/> on a workstream this repository returned
/// (or added): the unit of work persists it with its aggregate; there is no separate task store.
/// </summary>
public interface IWorkstreamRepository
{
    /// <summary>A workstream with its repo (and the repo's domain), tracked; its tasks are not loaded.</summary>
    Task<Workstream?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A repo's workstreams in the order they were created (read-only).</summary>
    Task<IReadOnlyList<Workstream>> ListByRepoAsync(Guid repoId, CancellationToken cancellationToken);

    /// <summary>
    /// Every workstream of the repo, whatever its status, with all its tasks loaded, ordered by key.
    /// Tracked, so the workplan sync can change them and add tasks.
    /// </summary>
    Task<IReadOnlyList<Workstream>> ListWithTasksAsync(Guid repoId, CancellationToken cancellationToken);

    /// <summary>
    /// Locks the rows of <paramref name="tasks"/> (already loaded and tracked) until the transaction
    /// ends and re-reads them, so a change decided on them cannot overwrite a claim or status change
    /// committed since they were loaded (claims lock the task row too).
    /// </summary>
    Task LockTasksAsync(IReadOnlyCollection<WorkTask> tasks, CancellationToken cancellationToken);

    /// <summary>True when another workstream of the repo than <paramref name="exceptId"/> has this key.</summary>
    Task<bool> KeyExistsAsync(Guid repoId, string key, Guid? exceptId, CancellationToken cancellationToken);

    /// <summary>One task of some workstream, tracked.</summary>
    Task<WorkTask?> GetTaskAsync(Guid taskId, CancellationToken cancellationToken);

    /// <summary>A workstream's tasks, most urgent first (priority, then creation), read-only.</summary>
    Task<IReadOnlyList<WorkTask>> ListTasksAsync(Guid workstreamId, CancellationToken cancellationToken);

    /// <summary>True when another task of the workstream than <paramref name="exceptId"/> has this key.</summary>
    Task<bool> TaskKeyExistsAsync(Guid workstreamId, string key, Guid? exceptId, CancellationToken cancellationToken);

    /// <summary>Adds a new workstream together with the tasks it already holds.</summary>
    void Add(Workstream workstream);
}

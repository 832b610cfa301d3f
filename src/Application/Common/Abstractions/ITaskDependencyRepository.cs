using StateHub.Application.Tasks;
using StateHub.Domain.Work;

namespace StateHub.Application.Common.Abstractions;

/// <summary>Dependencies between tasks, and of tasks on interface changes; readiness computed in SQL.</summary>
public interface ITaskDependencyRepository
{
    Task<TaskDependency?> GetAsync(Guid taskId, Guid dependencyId, CancellationToken cancellationToken);

    /// <summary>
    /// Serialises changes to the dependency graph until the transaction ends, so two concurrent
    /// additions cannot close a cycle that neither saw.
    /// </summary>
    Task LockGraphAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The cycle that "<paramref name="taskId"/> is blocked by <paramref name="blockerTaskId"/>" would
    /// close, as task names from the task back to itself (one recursive query), or null when none.
    /// </summary>
    Task<IReadOnlyList<string>?> FindCycleAsync(Guid taskId, Guid blockerTaskId, CancellationToken cancellationToken);

    /// <summary>Readiness and unfinished blockers of the given tasks (missing ids are left out), in one statement.</summary>
    Task<IReadOnlyDictionary<Guid, TaskReadiness>> GetReadinessAsync(IReadOnlyCollection<Guid> taskIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The blocker a (possibly unsaved) dependency names, as <c>blocked_by</c> shows it, whatever its state.</summary>
    Task<BlockerDto> DescribeAsync(TaskDependency dependency, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Whether the task already depends on the same blocker.</summary>
    Task<bool> ExistsAsync(TaskDependency dependency, CancellationToken cancellationToken);

    /// <summary>Every dependency of a task of the repo on another task (any repo), tracked so a sync can remove it.</summary>
    Task<IReadOnlyList<TaskDependency>> ListTaskBlockersOfRepoAsync(Guid repoId, CancellationToken cancellationToken);

    /// <summary>
    /// Where each of <paramref name="foreignTaskIds"/> (tasks of other repos that tasks of the repo
    /// wait on) leads back into the repo: the repo tasks reached by following "is blocked by" edges
    /// through other repos' tasks only (one recursive query). A sync checks the edges it adds for
    /// cycles with these, since the edges among other repos' tasks are not its to load.
    /// </summary>
    Task<IReadOnlyList<(Guid ForeignTaskId, Guid RepoTaskId)>> ListPathsBackIntoRepoAsync(Guid repoId, IReadOnlyCollection<Guid> foreignTaskIds, CancellationToken cancellationToken);

    void Add(TaskDependency dependency);

    void Remove(TaskDependency dependency);
}

using StateHub.Domain.Work;

namespace StateHub.Application.Common.Abstractions;

/// <summary>A repo's goals.</summary>
public interface IGoalRepository
{
    Task<RepoGoal?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A repo's goals, most urgent first (priority, then creation).</summary>
    Task<IReadOnlyList<RepoGoal>> ListByRepoAsync(Guid repoId, CancellationToken cancellationToken);

    void Add(RepoGoal goal);
}

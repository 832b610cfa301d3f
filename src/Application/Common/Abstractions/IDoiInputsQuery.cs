using StateHub.Application.Doi;
using StateHub.Domain.Doi;
using StateHub.Domain.Repos;
using StateHub.Domain.Work;

namespace StateHub.Application.Common.Abstractions;

/// <summary>Everything a DoI evaluation reads from the database, gathered in bulk.</summary>
public interface IDoiInputsQuery
{
    /// <summary>One repo's inputs, including its pushed workplan files; null when no repo has this slug. One statement.</summary>
    Task<DoiRepoInputs?> GetRepoAsync(string slug, CancellationToken cancellationToken);

    /// <summary>
    /// The inputs of every active repo, ordered by name case-insensitively, then exact name, then slug (pushed workplan
    /// contents left out). One statement, whatever the fleet's size. Without <paramref name="withCriteria"/>, a cache row
    /// that stores its decision (<see cref="DoiCacheEntry.NextTierBlockers"/>) comes without its criteria (an empty
    /// array in their place): the summary does not show them, and they are most of the row.
    /// </summary>
    Task<IReadOnlyList<DoiRepoInputs>> ListActiveAsync(bool withCriteria, CancellationToken cancellationToken);

    /// <summary>A repo's workstreams with their tasks, for the workplan criteria (C7, C13).</summary>
    Task<IReadOnlyList<Workstream>> ListWorkstreamsAsync(Guid repoId, CancellationToken cancellationToken);
}

/// <summary>One repo as DoI sees it in the database: the repo, the hub's aggregates, the facts report and the cache entry.</summary>
public sealed record DoiRepoInputs(
    ManagedRepo Repo,
    DoiRepoState State,
    DoiHubState Hub,
    DoiFactsReportState? FactsReport,
    DoiCacheEntry? Cached);

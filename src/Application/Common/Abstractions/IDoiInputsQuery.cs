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

    /// <summary>The inputs of every active repo (pushed workplan contents left out). One statement, whatever the fleet's size.</summary>
    Task<IReadOnlyList<DoiRepoInputs>> ListActiveAsync(CancellationToken cancellationToken);

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

/// <summary>The DoI cache: one row per repo.</summary>
public interface IDoiCacheStore
{
    /// <summary>Inserts or replaces the entries, all in one statement; an entry never replaces a newer evaluation.</summary>
    Task UpsertAsync(IReadOnlyCollection<DoiCacheEntry> entries, CancellationToken cancellationToken);
}

/// <summary>The facts reports agents push for repos the hub host cannot read.</summary>
public interface IRepoFactsRepository
{
    /// <summary>
    /// Inserts the report, or replaces the repo's existing one, in one statement. The stored
    /// received_at always moves forward (at least a microsecond past the replaced report's), so each
    /// report changes the DoI fingerprint; it is returned.
    /// </summary>
    Task<DateTimeOffset> UpsertAsync(RepoFactsReport report, CancellationToken cancellationToken);
}

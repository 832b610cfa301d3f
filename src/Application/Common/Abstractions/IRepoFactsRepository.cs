using StateHub.Domain.Repos;

namespace StateHub.Application.Common.Abstractions;

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

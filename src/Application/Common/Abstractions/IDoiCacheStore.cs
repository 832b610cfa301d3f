using StateHub.Domain.Doi;

namespace StateHub.Application.Common.Abstractions;

/// <summary>The DoI cache: one row per repo.</summary>
public interface IDoiCacheStore
{
    /// <summary>Inserts or replaces the entries, all in one statement; an entry never replaces a newer evaluation.</summary>
    Task UpsertAsync(IReadOnlyCollection<DoiCacheEntry> entries, CancellationToken cancellationToken);
}

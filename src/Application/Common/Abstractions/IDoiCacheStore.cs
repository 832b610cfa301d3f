using StateHub.Domain.Doi;

namespace StateHub.Application.Common.Abstractions;

/// <summary>The DoI cache: one row per repo.</summary>
public interface IDoiCacheStore
{
    /// <summary>
    /// Inserts or replaces the entries; an entry never replaces a newer evaluation. Returns the
    /// entries actually written, each with the row it replaced (null for a repo's first entry).
    /// Call it inside a transaction: the replaced rows stay locked until it ends, so a concurrent
    /// write of the same repo waits and then sees this one as its previous row.
    /// </summary>
    Task<IReadOnlyList<DoiCacheWrite>> UpsertAsync(IReadOnlyCollection<DoiCacheEntry> entries, CancellationToken cancellationToken);
}

/// <summary>A cache entry that was written, and the entry it replaced (null when the repo had none).</summary>
public sealed record DoiCacheWrite(DoiCacheEntry Entry, DoiCacheEntry? Previous);

using StateHub.Domain.Doi;

namespace StateHub.Application.Common.Abstractions;

/// <summary>The DoI cache: one row per repo.</summary>
public interface IDoiCacheStore
{
    /// <summary>
    /// Inserts or replaces the entries (an entry never replaces a newer evaluation) and commits them
    /// in one transaction together with what <paramref name="written"/> queues in the unit of work
    /// (webhook events). <paramref name="written"/> receives the entries actually written, each with
    /// the row it replaced (null for a repo's first entry), read under a lock held until the commit:
    /// a concurrent write of the same repo waits, then sees this one as its previous row.
    /// </summary>
    Task UpsertAsync(IReadOnlyCollection<DoiCacheEntry> entries, Action<IReadOnlyList<DoiCacheWrite>> written, CancellationToken cancellationToken);
}

/// <summary>A cache entry that was written, and the entry it replaced (null when the repo had none).</summary>
public sealed record DoiCacheWrite(DoiCacheEntry Entry, DoiCacheEntry? Previous);

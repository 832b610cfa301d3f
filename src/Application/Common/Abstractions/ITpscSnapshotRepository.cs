using StateHub.Application.Common.Paging;
using StateHub.Domain.Tpsc;

namespace StateHub.Application.Common.Abstractions;

/// <summary>Third-party software component inventories of repos.</summary>
public interface ITpscSnapshotRepository
{
    /// <summary>A repo's snapshots, newest first (by snapshot time, then creation).</summary>
    Task<IReadOnlyList<TpscSnapshot>> ListByRepoAsync(Guid repoId, CancellationToken cancellationToken, Keyset? after = null, int? limit = null);

    void Add(TpscSnapshot snapshot);
}

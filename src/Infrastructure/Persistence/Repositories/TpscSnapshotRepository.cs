using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Tpsc;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class TpscSnapshotRepository(StateHubDbContext db) : ITpscSnapshotRepository
{
    public async Task<IReadOnlyList<TpscSnapshot>> ListByRepoAsync(Guid repoId, CancellationToken cancellationToken) =>
        await db.TpscSnapshots.AsNoTracking()
            .Where(s => s.RepoId == repoId)
            .OrderByDescending(s => s.SnapshotAt).ThenByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .ToListAsync(cancellationToken);

    public void Add(TpscSnapshot snapshot) => db.TpscSnapshots.Add(snapshot);
}

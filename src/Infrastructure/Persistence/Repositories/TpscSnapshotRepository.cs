using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Paging;
using StateHub.Domain.Tpsc;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class TpscSnapshotRepository(StateHubDbContext db) : ITpscSnapshotRepository
{
    public async Task<IReadOnlyList<TpscSnapshot>> ListByRepoAsync(Guid repoId, CancellationToken cancellationToken, Keyset? after = null, int? limit = null)
    {
        var query = db.TpscSnapshots.AsNoTracking().Where(s => s.RepoId == repoId);
        if (after is not null)
        {
            var (at, created, id) = (after.At, after.At2 ?? after.At, after.Id);
            query = query.Where(s => EF.Functions.LessThan(ValueTuple.Create(s.SnapshotAt, s.CreatedAt, s.Id), ValueTuple.Create(at, created, id)));
        }

        query = query.OrderByDescending(s => s.SnapshotAt).ThenByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id);
        return await (limit is { } take ? query.Take(take) : query).ToListAsync(cancellationToken);
    }

    public void Add(TpscSnapshot snapshot) => db.TpscSnapshots.Add(snapshot);
}

using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Paging;
using StateHub.Domain.Events;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class ProgressEventRepository(StateHubDbContext db) : IProgressEventRepository
{
    public void Add(ProgressEvent progressEvent) => db.ProgressEvents.Add(progressEvent);

    public async Task<IReadOnlyList<ProgressEvent>> ListRecentAsync(Guid repoId, int limit, CancellationToken cancellationToken, Keyset? after = null) =>
        await db.ProgressEvents.AsNoTracking()
            .Where(e => e.RepoId == repoId)
            .Before(after)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Work;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class WorkstreamRepository(StateHubDbContext db) : IWorkstreamRepository
{
    public Task<Workstream?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Workstreams.Include(w => w.Repo).ThenInclude(r => r.Domain).FirstOrDefaultAsync(w => w.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Workstream>> ListByRepoAsync(Guid repoId, CancellationToken cancellationToken) =>
        await db.Workstreams.AsNoTracking()
            .Where(w => w.RepoId == repoId)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .ToListAsync(cancellationToken);

    public Task<bool> KeyExistsAsync(Guid repoId, string key, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Workstreams.AnyAsync(w => w.RepoId == repoId && w.Key == key && (exceptId == null || w.Id != exceptId), cancellationToken);

    public void Add(Workstream workstream) => db.Workstreams.Add(workstream);
}

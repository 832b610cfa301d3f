using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Work;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class WorkTaskRepository(StateHubDbContext db) : IWorkTaskRepository
{
    public Task<WorkTask?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    public async Task<IReadOnlyList<WorkTask>> ListByWorkstreamAsync(Guid workstreamId, CancellationToken cancellationToken) =>
        await db.Tasks.AsNoTracking()
            .Where(t => t.WorkstreamId == workstreamId)
            .OrderBy(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);

    public Task<bool> KeyExistsAsync(Guid workstreamId, string key, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Tasks.AnyAsync(t => t.WorkstreamId == workstreamId && t.Key == key && (exceptId == null || t.Id != exceptId), cancellationToken);

    public void Add(WorkTask task) => db.Tasks.Add(task);
}

using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Work;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class WorkplanRepository(StateHubDbContext db) : IWorkplanRepository
{
    public async Task<IReadOnlyList<Workstream>> ListWithTasksAsync(Guid repoId, CancellationToken cancellationToken) =>
        await db.Workstreams
            .Include(w => w.Tasks)
            .Where(w => w.RepoId == repoId)
            .OrderBy(w => w.Key)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

    public void AddWorkstream(Workstream workstream) => db.Workstreams.Add(workstream);

    public void AddTask(WorkTask task) => db.Tasks.Add(task);
}

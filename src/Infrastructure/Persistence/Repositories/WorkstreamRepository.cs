using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Work;

namespace StateHub.Infrastructure.Persistence.Repositories;

/// <summary>
/// The Workstream aggregate's repository. Tasks added with <see cref="Workstream.AddTask"/> to a
/// tracked workstream are found by change detection and inserted with it: task ids are made by
/// the domain (never by the store), so EF Core tracks a task it discovers as new.
/// </summary>
internal sealed class WorkstreamRepository(StateHubDbContext db) : IWorkstreamRepository
{
    public async Task<Workstream?> GetByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        // A workstream added in this unit of work (a sync creating it with its tasks, whose events
        // are handled before the save) is not in the database yet: it is the tracked one.
        var added = db.ChangeTracker.Entries<Workstream>().FirstOrDefault(e => e.State == EntityState.Added && e.Entity.Id == id)?.Entity;
        if (added is null)
            return await db.Workstreams.Include(w => w.Repo).ThenInclude(r => r.Domain).FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (added.Repo?.Domain is null)
            await db.Repos.Include(r => r.Domain).FirstOrDefaultAsync(r => r.Id == added.RepoId, cancellationToken); // fixes up added.Repo
        return added;
    }

    public async Task<IReadOnlyList<Workstream>> ListByRepoAsync(Guid repoId, CancellationToken cancellationToken) =>
        await db.Workstreams.AsNoTracking()
            .Where(w => w.RepoId == repoId)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Workstream>> ListWithTasksAsync(Guid repoId, CancellationToken cancellationToken) =>
        await db.Workstreams
            .Include(w => w.Tasks)
            .Where(w => w.RepoId == repoId)
            .OrderBy(w => w.Key)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

    public async Task LockTasksAsync(IReadOnlyCollection<WorkTask> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
            return;
        var ids = tasks.Select(t => t.Id).Order().ToArray();
        // FOR NO KEY UPDATE still makes a claim (FOR UPDATE) wait, but not a dependency being
        // inserted that names the task (its foreign key's FOR KEY SHARE): that insert holds the
        // dependency-graph lock the sync may wait for next, and the two would deadlock.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM tasks WHERE id = ANY({ids}) ORDER BY id FOR NO KEY UPDATE", cancellationToken);
        foreach (var task in tasks)
            await db.Entry(task).ReloadAsync(cancellationToken);
    }

    public Task<bool> KeyExistsAsync(Guid repoId, string key, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Workstreams.AnyAsync(w => w.RepoId == repoId && w.Key == key && (exceptId == null || w.Id != exceptId), cancellationToken);

    public Task<WorkTask?> GetTaskAsync(Guid taskId, CancellationToken cancellationToken) =>
        db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);

    public async Task<IReadOnlyList<WorkTask>> ListTasksAsync(Guid workstreamId, CancellationToken cancellationToken) =>
        await db.Tasks.AsNoTracking()
            .Where(t => t.WorkstreamId == workstreamId)
            .OrderBy(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);

    public Task<bool> TaskKeyExistsAsync(Guid workstreamId, string key, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Tasks.AnyAsync(t => t.WorkstreamId == workstreamId && t.Key == key && (exceptId == null || t.Id != exceptId), cancellationToken);

    public void Add(Workstream workstream) => db.Workstreams.Add(workstream);
}

using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Work;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class GoalRepository(StateHubDbContext db) : IGoalRepository
{
    public Task<RepoGoal?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Goals.Include(g => g.Repo).FirstOrDefaultAsync(g => g.Id == id, cancellationToken);

    public async Task<IReadOnlyList<RepoGoal>> ListByRepoAsync(Guid repoId, CancellationToken cancellationToken) =>
        await db.Goals.AsNoTracking()
            .Where(g => g.RepoId == repoId)
            .OrderBy(g => g.Priority).ThenBy(g => g.CreatedAt).ThenBy(g => g.Id)
            .ToListAsync(cancellationToken);

    public void Add(RepoGoal goal) => db.Goals.Add(goal);
}

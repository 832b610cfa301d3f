using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Work;
using StateHub.Infrastructure.Persistence.Queries;

namespace StateHub.Infrastructure.Persistence.Repositories;

/// <summary>
/// Claims made atomic by PostgreSQL row locks, correct with any number of API nodes: a claim of one
/// task waits for the row (<c>FOR UPDATE</c>), claim-next and the sweep skip rows others hold
/// (<c>FOR UPDATE SKIP LOCKED</c>). The decision itself is the task's (<see cref="WorkTask.Claim"/>).
/// </summary>
internal sealed class TaskClaimStore(StateHubDbContext db) : ITaskClaimStore
{
    public async Task<WorkTask?> GetForUpdateAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var tracked = db.Tasks.Local.FirstOrDefault(t => t.Id == taskId);
        // Not composed (no LIMIT around it): the locking clause stays the statement's own.
        var task = (await db.Tasks.FromSqlRaw("SELECT * FROM tasks WHERE id = {0} FOR UPDATE", taskId)
            .AsTracking()
            .ToListAsync(cancellationToken)).FirstOrDefault();
        if (task is not null && tracked is not null)
            await db.Entry(task).ReloadAsync(cancellationToken);
        return task;
    }

    public async Task<WorkTask?> LockNextReadyAsync(Guid repoId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One statement: the most urgent ready task (todo, or in_progress with a lapsed claim, in an
        // active workstream, with no unfinished blocker) that no concurrent claimer has locked.
        // PostgreSQL re-checks the task's own conditions on the row it locks, so a task claimed and
        // committed in between is passed over rather than claimed twice.
        var sql = $"""
            SELECT t.* FROM tasks t
            JOIN workstreams w ON w.id = t.workstream_id
            WHERE w.repo_id = {"{0}"} AND w.status = 'active'
              AND {ReadinessSql.EffectivelyTodo("t", "{1}")}
              AND NOT EXISTS ({ReadinessSql.OpenBlockers("t")})
            ORDER BY t.priority, t.created_at, t.id
            LIMIT 1
            FOR UPDATE OF t SKIP LOCKED
            """;
        return (await db.Tasks.FromSqlRaw(sql, repoId, now).AsTracking().ToListAsync(cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<WorkTask>> LockLapsedClaimsAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT t.* FROM tasks t
            WHERE {ReadinessSql.LapsedClaim("t", "{0}")}
            ORDER BY t.claim_expires_at
            LIMIT {"{1}"}
            FOR UPDATE SKIP LOCKED
            """;
        return await db.Tasks.FromSqlRaw(sql, now, batchSize).AsTracking().ToListAsync(cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Tasks;
using StateHub.Domain.Work;
using StateHub.Infrastructure.Persistence.Queries;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class TaskDependencyRepository(StateHubDbContext db) : ITaskDependencyRepository
{
    // Any constant will do: it names the lock every change to the graph takes.
    private const long GraphLockKey = 0x5348_3134_4445_5053;

    public Task<TaskDependency?> GetAsync(Guid taskId, Guid dependencyId, CancellationToken cancellationToken) =>
        db.TaskDependencies.FirstOrDefaultAsync(d => d.Id == dependencyId && d.TaskId == taskId, cancellationToken);

    public Task LockGraphAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [GraphLockKey], cancellationToken);

    public async Task<IReadOnlyList<string>?> FindCycleAsync(Guid taskId, Guid blockerTaskId, CancellationToken cancellationToken)
    {
        // One recursive query: walk "is blocked by" edges from the blocker; reaching the task means
        // the new edge would close a cycle, named from the task back to itself.
        const string sql = """
            WITH RECURSIVE walk(task_id, path) AS (
                SELECT {1}::uuid, ARRAY[{1}::uuid]
              UNION ALL
                SELECT d.blocked_by_task_id, w.path || d.blocked_by_task_id
                FROM walk w
                JOIN task_dependencies d ON d.task_id = w.task_id
                WHERE d.blocked_by_task_id IS NOT NULL AND NOT (d.blocked_by_task_id = ANY(w.path))
            ), found AS (
                SELECT ARRAY[{0}::uuid] || path AS path FROM walk WHERE task_id = {0} LIMIT 1
            )
            SELECT r.slug || '/' || ws.key || '/' || t.key AS "Value"
            FROM found
            CROSS JOIN LATERAL unnest(found.path) WITH ORDINALITY AS p(id, n)
            JOIN tasks t ON t.id = p.id
            JOIN workstreams ws ON ws.id = t.workstream_id
            JOIN managed_repos r ON r.id = ws.repo_id
            ORDER BY p.n
            """;
        var names = await db.Database.SqlQueryRaw<string>(sql, taskId, blockerTaskId).ToListAsync(cancellationToken);
        return names.Count == 0 ? null : names;
    }

    public async Task<IReadOnlyList<(Guid ForeignTaskId, Guid RepoTaskId)>> ListPathsBackIntoRepoAsync(Guid repoId, IReadOnlyCollection<Guid> foreignTaskIds, CancellationToken cancellationToken)
    {
        if (foreignTaskIds.Count == 0)
            return [];
        // Walks on from other repos' tasks only; a repo task reached ends its walk (the sync knows
        // the repo's own edges, as they will be after its changes). UNION drops repeated rows, so
        // a cycle among other repos' tasks ends too.
        const string sql = """
            WITH RECURSIVE walk(origin, node, foreign_node) AS (
                SELECT f, f, true FROM unnest({1}::uuid[]) AS f
              UNION
                SELECT w.origin, d.blocked_by_task_id, ws.repo_id <> {0}
                FROM walk w
                JOIN task_dependencies d ON d.task_id = w.node AND d.blocked_by_task_id IS NOT NULL
                JOIN tasks t ON t.id = d.blocked_by_task_id
                JOIN workstreams ws ON ws.id = t.workstream_id
                WHERE w.foreign_node
            )
            SELECT origin AS foreign_task_id, node AS repo_task_id FROM walk WHERE NOT foreign_node
            """;
        var rows = await db.Database.SqlQueryRaw<PathBack>(sql, repoId, foreignTaskIds.ToArray()).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.ForeignTaskId, r.RepoTaskId))];
    }

    public async Task<IReadOnlyDictionary<Guid, TaskReadiness>> GetReadinessAsync(IReadOnlyCollection<Guid> taskIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await db.Database
            .SqlQueryRaw<ReadinessRow>(ReadinessQuery("t.id = ANY({0})"), taskIds.ToArray(), now)
            .ToListAsync(cancellationToken);
        return ReadinessQueries.Group(rows);
    }

    public async Task<BlockerDto> DescribeAsync(TaskDependency dependency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The dependency may not be saved yet: its row is made up from its values.
        var (taskBlocker, changeBlocker) = dependency.BlockedByTaskId is { } blocker
            ? ("{2}::uuid", "NULL::uuid")
            : ("NULL::uuid", "{2}::uuid");
        var sql = $"""
            SELECT {ReadinessSql.BlockerColumns("{1}")}
            FROM (SELECT {"{0}"}::uuid AS id, {taskBlocker} AS blocked_by_task_id, {changeBlocker} AS blocked_by_interface_change_id) d
            {ReadinessSql.BlockerJoins}
            """;
        var blockerId = dependency.BlockedByTaskId ?? dependency.BlockedByInterfaceChangeId!.Value;
        var rows = await db.Database.SqlQueryRaw<BlockerRow>(sql, dependency.Id, now, blockerId).ToListAsync(cancellationToken);
        return rows[0].ToDto();
    }

    public Task<bool> ExistsAsync(TaskDependency dependency, CancellationToken cancellationToken) =>
        db.TaskDependencies.AnyAsync(
            d => d.TaskId == dependency.TaskId
                && d.BlockedByTaskId == dependency.BlockedByTaskId
                && d.BlockedByInterfaceChangeId == dependency.BlockedByInterfaceChangeId,
            cancellationToken);

    public async Task<IReadOnlyList<TaskDependency>> ListTaskBlockersOfRepoAsync(Guid repoId, CancellationToken cancellationToken) =>
        await db.TaskDependencies.AsTracking()
            .Where(d => d.BlockedByTaskId != null
                && db.Tasks.Any(t => t.Id == d.TaskId && db.Workstreams.Any(w => w.Id == t.WorkstreamId && w.RepoId == repoId)))
            .ToListAsync(cancellationToken);

    public void Add(TaskDependency dependency) => db.TaskDependencies.Add(dependency);

    public void Remove(TaskDependency dependency) => db.TaskDependencies.Remove(dependency);

    /// <summary>
    /// Readiness rows of the tasks <paramref name="filter"/> selects (aliases t, w; parameter {1} is now):
    /// one row per unfinished blocker of a task, or one row without a blocker. "No unfinished blocker"
    /// is therefore that row's empty <c>dependency_id</c>, not a second subquery over the blockers: in the
    /// select list PostgreSQL plans such a subquery as a SubPlan, and may run it hashed, a pass over
    /// every dependency and interface change of the fleet for a repo with one open task (6 ms for the
    /// small repo's dispatch at 200 repos; bench/README.md).
    /// </summary>
    internal static string ReadinessQuery(string filter) => $"""
        SELECT t.id AS task_id,
               (w.status = 'active') AS workstream_active,
               (w.status = 'active' AND {ReadinessSql.EffectivelyTodo("t", "{1}")} AND b.dependency_id IS NULL) AS ready,
               b.dependency_id, b.kind, b.blocker_id, b.key_or_title, b.repo_slug, b.status
        FROM tasks t
        JOIN workstreams w ON w.id = t.workstream_id
        LEFT JOIN LATERAL (
            SELECT {ReadinessSql.BlockerColumns("{1}")}, d.created_at AS created_at
            FROM task_dependencies d
            {ReadinessSql.BlockerJoins}
            WHERE d.task_id = t.id AND {ReadinessSql.Unfinished}
        ) b ON true
        WHERE {filter}
        ORDER BY t.id, b.created_at, b.dependency_id
        """;
}

internal sealed class BlockerRow
{
    public Guid DependencyId { get; init; }

    public string Kind { get; init; } = null!;

    public Guid BlockerId { get; init; }

    public string KeyOrTitle { get; init; } = null!;

    public string RepoSlug { get; init; } = null!;

    public string Status { get; init; } = null!;

    public BlockerDto ToDto() => new()
    {
        DependencyId = DependencyId, Kind = Kind, Id = BlockerId, KeyOrTitle = KeyOrTitle, RepoSlug = RepoSlug, Status = Status,
    };
}

internal sealed class PathBack
{
    public Guid ForeignTaskId { get; init; }

    public Guid RepoTaskId { get; init; }
}

internal sealed class ReadinessRow
{
    public Guid TaskId { get; init; }

    public bool WorkstreamActive { get; init; }

    public bool Ready { get; init; }

    public Guid? DependencyId { get; init; }

    public string? Kind { get; init; }

    public Guid? BlockerId { get; init; }

    public string? KeyOrTitle { get; init; }

    public string? RepoSlug { get; init; }

    public string? Status { get; init; }

    /// <summary>The current row of a reader over <see cref="TaskDependencyRepository.ReadinessQuery"/>, in its column order.</summary>
    public static ReadinessRow Read(System.Data.Common.DbDataReader reader) => new()
    {
        TaskId = reader.GetGuid(0),
        WorkstreamActive = reader.GetBoolean(1),
        Ready = reader.GetBoolean(2),
        DependencyId = reader.IsDBNull(3) ? null : reader.GetGuid(3),
        Kind = reader.IsDBNull(4) ? null : reader.GetString(4),
        BlockerId = reader.IsDBNull(5) ? null : reader.GetGuid(5),
        KeyOrTitle = reader.IsDBNull(6) ? null : reader.GetString(6),
        RepoSlug = reader.IsDBNull(7) ? null : reader.GetString(7),
        Status = reader.IsDBNull(8) ? null : reader.GetString(8),
    };
}

internal static class ReadinessQueries
{
    public static IReadOnlyDictionary<Guid, TaskReadiness> Group(IEnumerable<ReadinessRow> rows) =>
        rows.GroupBy(r => r.TaskId).ToDictionary(
            g => g.Key,
            g => new TaskReadiness(
                g.First().Ready,
                g.First().WorkstreamActive,
                g.Where(r => r.DependencyId is not null)
                    .Select(r => new BlockerDto
                    {
                        DependencyId = r.DependencyId!.Value, Kind = r.Kind!, Id = r.BlockerId!.Value,
                        KeyOrTitle = r.KeyOrTitle!, RepoSlug = r.RepoSlug!, Status = r.Status!,
                    })
                    .ToList()));
}

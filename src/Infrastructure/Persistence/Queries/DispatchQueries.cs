using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Dispatch;
using StateHub.Application.Tasks;
using StateHub.Domain.InterfaceChanges;
using StateHub.Infrastructure.Persistence.Conversions;
using StateHub.Infrastructure.Persistence.Repositories;
using StateHub.Domain.Work;

namespace StateHub.Infrastructure.Persistence.Queries;

/// <summary>
/// Dispatch in five statements whatever the repo holds: the repo with its unread count, the
/// goal, the active workstreams joined to their open tasks, those tasks' readiness and
/// unfinished blockers, and the pending interface changes.
/// Each filter matches a partial or GIN index (see WorkConfigurations, InterfaceChangeConfiguration).
/// </summary>
internal sealed class DispatchQueries(StateHubDbContext db, TimeProvider clock) : IDispatchQueries
{
    public async Task<DispatchDto?> GetDispatchAsync(string repoSlug, CancellationToken cancellationToken)
    {
        var repo = await db.Repos.AsNoTracking()
            .Where(r => r.Slug == repoSlug)
            .Select(r => new
            {
                r.Id,
                r.Slug,
                r.LastStateSyncedAt,
                UnreadInboxCount = db.InboxMessages.Count(m => m.RepoId == r.Id && m.ReadAt == null),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (repo is null)
            return null;

        var goal = await db.Goals.AsNoTracking()
            .Where(g => g.RepoId == repo.Id).Where(RepoGoal.Active)
            .OrderBy(g => g.Priority).ThenBy(g => g.CreatedAt).ThenBy(g => g.Id)
            .Select(g => new DispatchGoalDto { Id = g.Id, Title = g.Title, Description = g.Description, Priority = g.Priority })
            .FirstOrDefaultAsync(cancellationToken);

        // One statement: the workstreams LEFT JOIN their open tasks, ordered for both levels.
        var workstreams = await db.Workstreams.AsNoTracking()
            .Where(w => w.RepoId == repo.Id).Where(Workstream.Active)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .Select(w => new WorkstreamRow(
                w.Id,
                w.Key,
                w.Title,
                w.Status,
                w.Tasks.AsQueryable()
                    .Where(WorkTask.Pending)
                    .OrderBy(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
                    .Select(t => new TaskRow(t.Id, t.WorkstreamId, t.Key, w.Key, t.Title, t.Priority, t.Status, t.NeedsHuman, t.CreatedAt, t.ClaimedBy, t.ClaimExpiresAt))
                    .ToList()))
            .AsSingleQuery()
            .ToListAsync(cancellationToken);

        // One statement for the readiness and blockers of every open task of the active workstreams.
        var now = clock.GetUtcNow();
        var readiness = ReadinessQueries.Group(await db.Database
            .SqlQueryRaw<ReadinessRow>(
                TaskDependencyRepository.ReadinessQuery(
                    $"w.repo_id = {{0}} AND w.status = 'active' AND t.status IN ({SnakeCaseEnumConverter<WorkTaskStatus>.SqlList(WorkTaskStatus.Todo, WorkTaskStatus.InProgress)})"),
                repo.Id, now)
            .ToListAsync(cancellationToken));
        DispatchTaskDto ToDto(TaskRow t) => t.ToDto(readiness.GetValueOrDefault(t.Id), now);

        // Contains on the array column becomes `affected_repo_slugs @> ARRAY[@slug]`, served by the GIN index;
        // the repo's own consumer row says whether it still has something to do.
        var changes = await (
                from c in db.InterfaceChanges.AsNoTracking().IgnoreAutoIncludes()
                join origin in db.Repos on c.OriginRepoId equals origin.Id
                from me in c.Consumers.Where(x => x.RepoSlug == repo.Slug)
                where c.Status == InterfaceChangeStatus.Published && c.AffectedRepoSlugs.Contains(repo.Slug)
                    && (me.Status == ConsumerStatus.Notified || me.Status == ConsumerStatus.Acknowledged)
                orderby c.PublishedAt descending, c.Id descending
                select new PendingInterfaceChangeDto
                {
                    Id = c.Id,
                    Title = c.Title,
                    ChangeType = c.ChangeType,
                    InterfaceType = c.InterfaceType,
                    OriginRepoSlug = origin.Slug,
                    AffectedPaths = c.AffectedPaths,
                    PlannedFor = c.PlannedFor,
                    PublishedAt = c.PublishedAt!.Value,
                    MyStatus = me.Status,
                })
            .ToListAsync(cancellationToken);

        var interventions = workstreams
            .SelectMany(w => w.Tasks)
            .Where(t => t.NeedsHuman)
            .OrderBy(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Select(ToDto)
            .ToList();

        // What claim-next would take: the same order over the same readiness.
        var next = workstreams
            .SelectMany(w => w.Tasks)
            .Where(t => readiness.GetValueOrDefault(t.Id)?.Ready == true)
            .OrderBy(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Select(ToDto)
            .FirstOrDefault();

        return new DispatchDto
        {
            RepoSlug = repo.Slug,
            ActiveGoal = goal,
            ActiveWorkstreams = workstreams.Select(w => new DispatchWorkstreamDto
            {
                Id = w.Id,
                Key = w.Key,
                Title = w.Title,
                Status = w.Status,
                PendingTasks = w.Tasks.Select(ToDto).ToList(),
            }).ToList(),
            HumanInterventions = interventions,
            NextTask = next,
            PendingInterfaceChanges = changes,
            UnreadInboxCount = repo.UnreadInboxCount,
            LastStateSyncedAt = repo.LastStateSyncedAt,
        };
    }

    private sealed record WorkstreamRow(Guid Id, string Key, string Title, WorkstreamStatus Status, List<TaskRow> Tasks);

    private sealed record TaskRow(
        Guid Id, Guid WorkstreamId, string Key, string WorkstreamKey, string Title, int Priority, WorkTaskStatus Status, bool NeedsHuman,
        DateTimeOffset CreatedAt, string? ClaimedBy, DateTimeOffset? ClaimExpiresAt)
    {
        /// <summary>As of <paramref name="now"/>: a lapsed claim is nobody's, and its task todo again.</summary>
        public DispatchTaskDto ToDto(TaskReadiness? readiness, DateTimeOffset now)
        {
            var claimed = ClaimedBy is not null && ClaimExpiresAt > now;
            var lapsed = Status == WorkTaskStatus.InProgress && ClaimedBy is not null && !claimed;
            return new()
            {
                Id = Id,
                Key = Key,
                WorkstreamKey = WorkstreamKey,
                Title = Title,
                Priority = Priority,
                Status = lapsed ? WorkTaskStatus.Todo : Status,
                NeedsHuman = NeedsHuman,
                Ready = readiness?.Ready ?? false,
                BlockedBy = readiness?.BlockedBy ?? [],
                ClaimedBy = claimed ? ClaimedBy : null,
                ClaimExpiresAt = claimed ? ClaimExpiresAt : null,
            };
        }
    }
}

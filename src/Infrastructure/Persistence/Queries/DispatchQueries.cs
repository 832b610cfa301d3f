using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Dispatch;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Work;

namespace StateHub.Infrastructure.Persistence.Queries;

/// <summary>
/// Dispatch in four statements whatever the repo holds: the repo with its unread count, the
/// goal, the active workstreams joined to their open tasks, and the pending interface changes.
/// Each filter matches a partial or GIN index (see WorkConfigurations, InterfaceChangeConfiguration).
/// </summary>
internal sealed class DispatchQueries(StateHubDbContext db) : IDispatchQueries
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
                    .Select(t => new TaskRow(t.Id, t.Key, t.Title, t.Priority, t.Status, t.NeedsHuman, t.CreatedAt))
                    .ToList()))
            .AsSingleQuery()
            .ToListAsync(cancellationToken);

        // Contains on the array column becomes `affected_repo_slugs @> ARRAY[@slug]`, served by the GIN index.
        var changes = await (
                from c in db.InterfaceChanges.AsNoTracking()
                join origin in db.Repos on c.OriginRepoId equals origin.Id
                where c.Status == InterfaceChangeStatus.Published && c.AffectedRepoSlugs.Contains(repo.Slug)
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
                })
            .ToListAsync(cancellationToken);

        var interventions = workstreams
            .SelectMany(w => w.Tasks)
            .Where(t => t.NeedsHuman)
            .OrderBy(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Select(t => t.ToDto())
            .ToList();

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
                PendingTasks = w.Tasks.Select(t => t.ToDto()).ToList(),
            }).ToList(),
            HumanInterventions = interventions,
            PendingInterfaceChanges = changes,
            UnreadInboxCount = repo.UnreadInboxCount,
            LastStateSyncedAt = repo.LastStateSyncedAt,
        };
    }

    private sealed record WorkstreamRow(Guid Id, string Key, string Title, WorkstreamStatus Status, List<TaskRow> Tasks);

    private sealed record TaskRow(Guid Id, string Key, string Title, int Priority, WorkTaskStatus Status, bool NeedsHuman, DateTimeOffset CreatedAt)
    {
        public DispatchTaskDto ToDto() =>
            new() { Id = Id, Key = Key, Title = Title, Priority = Priority, Status = Status, NeedsHuman = NeedsHuman };
    }
}

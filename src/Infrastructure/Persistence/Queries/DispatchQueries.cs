using StateHub.Domain.Common;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Dispatch;
using StateHub.Application.Tasks;
using StateHub.Domain.InterfaceChanges;
using StateHub.Infrastructure.Persistence.Conversions;
using StateHub.Infrastructure.Persistence.Repositories;
using StateHub.Domain.Work;

namespace StateHub.Infrastructure.Persistence.Queries;

/// <summary>
/// Dispatch in one round trip whatever the repo holds: one command carrying five statements, all
/// keyed by the slug (the repo with its unread count, the goal, the active workstreams joined to
/// their open tasks, those tasks' readiness and unfinished blockers, and the pending interface
/// changes), which Npgsql sends together and prepares once per connection (Max Auto Prepare).
/// Each filter matches a partial or GIN index (see RepoGoalConfiguration, WorkstreamConfiguration,
/// WorkTaskConfiguration, TaskDependencyConfiguration, InterfaceChangeConfiguration).
/// </summary>
internal sealed class DispatchQueries(StateHubDbContext db, TimeProvider clock) : IDispatchQueries
{
    private static readonly string PendingStatuses =
        SnakeCaseEnumConverter<WorkTaskStatus>.SqlList(WorkTaskStatus.Todo, WorkTaskStatus.InProgress);

    private static readonly string Sql = $"""
        SELECT r.id, r.slug, r.last_state_synced_at,
               (SELECT count(*)::int FROM inbox_messages m WHERE m.repo_id = r.id AND m.read_at IS NULL)
        FROM managed_repos r
        WHERE r.slug = {"{0}"};

        SELECT g.id, g.title, g.description, g.priority
        FROM repo_goals g
        JOIN managed_repos r ON r.id = g.repo_id
        WHERE r.slug = {"{0}"} AND g.status = '{EnumWire.Name(GoalStatus.Active)}'
        ORDER BY g.priority, g.created_at, g.id
        LIMIT 1;

        SELECT w.id, w.key, w.title, w.status,
               t.id, t.key, t.title, t.priority, t.status, t.needs_human, t.created_at, t.claimed_by, t.claim_expires_at
        FROM workstreams w
        JOIN managed_repos r ON r.id = w.repo_id
        LEFT JOIN tasks t ON t.workstream_id = w.id AND t.status IN ({PendingStatuses})
        WHERE r.slug = {"{0}"} AND w.status = '{EnumWire.Name(WorkstreamStatus.Active)}'
        ORDER BY w.created_at, w.id, t.priority, t.created_at, t.id;

        {TaskDependencyRepository.ReadinessQuery(
            $"w.repo_id = (SELECT id FROM managed_repos WHERE slug = {{0}}) AND w.status = '{EnumWire.Name(WorkstreamStatus.Active)}' AND t.status IN ({PendingStatuses})")};

        SELECT c.id, c.title, c.change_type, c.interface_type, origin.slug, c.affected_paths, c.planned_for, c.published_at, me.status
        FROM interface_changes c
        JOIN managed_repos origin ON origin.id = c.origin_repo_id
        JOIN interface_change_consumers me ON me.interface_change_id = c.id AND me.repo_slug = {"{0}"}
        WHERE c.status = '{EnumWire.Name(InterfaceChangeStatus.Published)}'
          AND c.affected_repo_slugs @> ARRAY[{"{0}"}::text]
          AND me.status IN ({SnakeCaseEnumConverter<ConsumerStatus>.SqlList(ConsumerStatus.Notified, ConsumerStatus.Acknowledged)})
        ORDER BY c.published_at DESC, c.id DESC
        """;

    public async Task<DispatchDto?> GetDispatchAsync(string repoSlug, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = await RawReads.ExecuteReaderAsync(db, Sql, [repoSlug, now], cancellationToken);
        var reader = command.DbDataReader;

        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var repo = (
            Slug: reader.GetString(1),
            LastStateSyncedAt: reader.IsDBNull(2) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(2),
            UnreadInboxCount: reader.GetInt32(3));

        await reader.NextResultAsync(cancellationToken);
        DispatchGoalDto? goal = null;
        if (await reader.ReadAsync(cancellationToken))
            goal = new DispatchGoalDto
            {
                Id = reader.GetGuid(0),
                Title = reader.GetString(1),
                Description = reader.IsDBNull(2) ? null : reader.GetString(2),
                Priority = reader.GetInt32(3),
            };

        await reader.NextResultAsync(cancellationToken);
        var workstreams = new List<WorkstreamRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var workstreamId = reader.GetGuid(0);
            if (workstreams.Count == 0 || workstreams[^1].Id != workstreamId)
                workstreams.Add(new WorkstreamRow(
                    workstreamId, reader.GetString(1), reader.GetString(2),
                    SnakeCaseEnumConverter<WorkstreamStatus>.FromName(reader.GetString(3)), []));
            if (reader.IsDBNull(4))
                continue;
            var workstream = workstreams[^1];
            workstream.Tasks.Add(new TaskRow(
                reader.GetGuid(4), workstreamId, reader.GetString(5), workstream.Key, reader.GetString(6), reader.GetInt32(7),
                SnakeCaseEnumConverter<WorkTaskStatus>.FromName(reader.GetString(8)), reader.GetBoolean(9),
                reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12)));
        }

        await reader.NextResultAsync(cancellationToken);
        var readinessRows = new List<ReadinessRow>();
        while (await reader.ReadAsync(cancellationToken))
            readinessRows.Add(ReadinessRow.Read(reader));
        var readiness = ReadinessQueries.Group(readinessRows);
        DispatchTaskDto ToDto(TaskRow t) => t.ToDto(readiness.GetValueOrDefault(t.Id), now);

        await reader.NextResultAsync(cancellationToken);
        var changes = new List<PendingInterfaceChangeDto>();
        while (await reader.ReadAsync(cancellationToken))
            changes.Add(new PendingInterfaceChangeDto
            {
                Id = reader.GetGuid(0),
                Title = reader.GetString(1),
                ChangeType = SnakeCaseEnumConverter<ChangeType>.FromName(reader.GetString(2)),
                InterfaceType = SnakeCaseEnumConverter<InterfaceType>.FromName(reader.GetString(3)),
                OriginRepoSlug = reader.GetString(4),
                AffectedPaths = reader.GetFieldValue<string[]>(5),
                PlannedFor = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6),
                PublishedAt = reader.GetFieldValue<DateTimeOffset>(7),
                MyStatus = SnakeCaseEnumConverter<ConsumerStatus>.FromName(reader.GetString(8)),
            });

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
            var claimed = WorkTask.IsClaimed(ClaimedBy, ClaimExpiresAt, now);
            var lapsed = WorkTask.HasLapsedClaim(Status, ClaimedBy, ClaimExpiresAt, now);
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

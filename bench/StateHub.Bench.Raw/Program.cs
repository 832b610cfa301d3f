using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using StateHub.Application.Dispatch;
using StateHub.Application.InterfaceChanges;
using StateHub.Application.Repos;
using StateHub.Application.Tasks;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Repos;
using StateHub.Domain.Work;
using StateHub.Infrastructure.Persistence.Conversions;

// The raw-Npgsql baseline (bench/README.md): the same reads as the hub, on the same database, with
// hand-written SQL sent in one round trip each (an NpgsqlBatch), prepared, and the same JSON.
// Usage: dotnet StateHub.Bench.Raw.dll --urls http://127.0.0.1:8101 --ConnectionStrings:StateHub "Host=…"
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("StateHub")
    ?? throw new InvalidOperationException("Set ConnectionStrings:StateHub."))
{
    MaxAutoPrepare = 64,
    NoResetOnClose = true,
}.ConnectionString;
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
var json = new JsonSerializerOptions
{
    PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false), new UtcTimestamp() },
};
var app = builder.Build();
var db = app.Services.GetRequiredService<NpgsqlDataSource>();

app.MapGet("/repos/{slug}", async (string slug, HttpContext http, CancellationToken ct) =>
{
    await using var command = db.CreateCommand(RawSql.Repo);
    command.Parameters.Add(new NpgsqlParameter<string>("slug", slug));
    await using var reader = await command.ExecuteReaderAsync(ct);
    if (!await reader.ReadAsync(ct))
        return Results.NotFound();
    var repo = new RepoDto
    {
        Id = reader.GetGuid(0),
        DomainId = reader.GetGuid(1),
        DomainSlug = reader.GetString(2),
        Slug = reader.GetString(3),
        Name = reader.GetString(4),
        LocalPath = reader.IsDBNull(5) ? null : reader.GetString(5),
        RemoteUrl = reader.IsDBNull(6) ? null : reader.GetString(6),
        GitFingerprint = reader.IsDBNull(7) ? null : reader.GetString(7),
        Description = reader.IsDBNull(8) ? null : reader.GetString(8),
        TopicId = reader.IsDBNull(9) ? null : reader.GetString(9),
        Status = SnakeCaseEnumConverter<RepoStatus>.FromName(reader.GetString(10)),
        HostPaths = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(11))!,
        LastSbomAt = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        LastStateSyncedAt = reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(14),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(15),
    };
    return Results.Json(repo, json);
});

app.MapGet("/tasks/{id:guid}", async (Guid id, CancellationToken ct) =>
{
    var now = DateTimeOffset.UtcNow;
    await using var batch = db.CreateBatch();
    batch.BatchCommands.Add(new NpgsqlBatchCommand(RawSql.Task) { Parameters = { new NpgsqlParameter<Guid>("id", id) } });
    batch.BatchCommands.Add(new NpgsqlBatchCommand(RawSql.Readiness("t.id = @id"))
    {
        Parameters = { new NpgsqlParameter<Guid>("id", id), new NpgsqlParameter<DateTimeOffset>("now", now) },
    });
    await using var reader = await batch.ExecuteReaderAsync(ct);
    if (!await reader.ReadAsync(ct))
        return Results.NotFound();
    var status = SnakeCaseEnumConverter<WorkTaskStatus>.FromName(reader.GetString(5));
    var claimedBy = reader.IsDBNull(7) ? null : reader.GetString(7);
    var expires = reader.IsDBNull(8) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(8);
    var claimed = claimedBy is not null && expires > now;
    var lapsed = status == WorkTaskStatus.InProgress && claimedBy is not null && expires <= now;
    var task = new TaskDto
    {
        Id = reader.GetGuid(0), WorkstreamId = reader.GetGuid(1), Key = reader.GetString(2), Title = reader.GetString(3),
        Priority = reader.GetInt32(4), Status = lapsed ? WorkTaskStatus.Todo : status, NeedsHuman = reader.GetBoolean(6),
        ClaimedBy = claimed ? claimedBy : null, ClaimExpiresAt = claimed ? expires : null, ClaimToken = claimed ? reader.GetInt64(9) : null,
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(10), UpdatedAt = reader.GetFieldValue<DateTimeOffset>(11),
    };
    await reader.NextResultAsync(ct);
    var (ready, blockers) = (false, new List<BlockerDto>());
    while (await reader.ReadAsync(ct))
    {
        ready = reader.GetBoolean(2);
        if (!reader.IsDBNull(3))
            blockers.Add(RawSql.Blocker(reader));
    }
    return Results.Json(task with { Ready = ready, BlockedBy = blockers }, json);
});

app.MapGet("/interface-changes/{id:guid}", async (Guid id, CancellationToken ct) =>
{
    await using var batch = db.CreateBatch();
    batch.BatchCommands.Add(new NpgsqlBatchCommand(RawSql.InterfaceChange) { Parameters = { new NpgsqlParameter<Guid>("id", id) } });
    batch.BatchCommands.Add(new NpgsqlBatchCommand(RawSql.Consumers) { Parameters = { new NpgsqlParameter<Guid>("id", id) } });
    await using var reader = await batch.ExecuteReaderAsync(ct);
    if (!await reader.ReadAsync(ct))
        return Results.NotFound();
    var change = new InterfaceChangeDto
    {
        Id = reader.GetGuid(0), OriginRepoId = reader.GetGuid(1), OriginRepoSlug = reader.GetString(2), Title = reader.GetString(3),
        Description = reader.IsDBNull(4) ? null : reader.GetString(4),
        ChangeType = SnakeCaseEnumConverter<ChangeType>.FromName(reader.GetString(5)),
        InterfaceType = SnakeCaseEnumConverter<InterfaceType>.FromName(reader.GetString(6)),
        AffectedRepoSlugs = reader.GetFieldValue<string[]>(7), AffectedPaths = reader.GetFieldValue<string[]>(8),
        PlannedFor = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
        Status = SnakeCaseEnumConverter<InterfaceChangeStatus>.FromName(reader.GetString(10)),
        PublishedAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        ResolvedAt = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        ResolutionNote = reader.IsDBNull(13) ? null : reader.GetString(13),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(14), UpdatedAt = reader.GetFieldValue<DateTimeOffset>(15),
    };
    await reader.NextResultAsync(ct);
    var consumers = new List<InterfaceChangeConsumerDto>();
    while (await reader.ReadAsync(ct))
    {
        consumers.Add(new InterfaceChangeConsumerDto
        {
            RepoSlug = reader.GetString(0), Status = SnakeCaseEnumConverter<ConsumerStatus>.FromName(reader.GetString(1)),
            Note = reader.IsDBNull(2) ? null : reader.GetString(2), UpdatedAt = reader.GetFieldValue<DateTimeOffset>(3),
        });
    }

    return Results.Json(change with { Consumers = consumers }, json);
});

app.MapGet("/repos/{slug}/dispatch", async (string slug, CancellationToken ct) =>
{
    var now = DateTimeOffset.UtcNow;
    await using var batch = db.CreateBatch();
    foreach (var sql in RawSql.Dispatch)
        batch.BatchCommands.Add(new NpgsqlBatchCommand(sql)
        {
            Parameters = { new NpgsqlParameter<string>("slug", slug), new NpgsqlParameter<DateTimeOffset>("now", now) },
        });
    await using var reader = await batch.ExecuteReaderAsync(ct);
    if (!await reader.ReadAsync(ct))
        return Results.NotFound();
    var (repoSlug, synced, unread) = (reader.GetString(1), reader.IsDBNull(2) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt32(3));

    await reader.NextResultAsync(ct);
    DispatchGoalDto? goal = null;
    if (await reader.ReadAsync(ct))
        goal = new DispatchGoalDto { Id = reader.GetGuid(0), Title = reader.GetString(1), Description = reader.IsDBNull(2) ? null : reader.GetString(2), Priority = reader.GetInt32(3) };

    await reader.NextResultAsync(ct);
    var workstreams = new List<(DispatchWorkstreamDto Workstream, List<Row> Tasks)>();
    while (await reader.ReadAsync(ct))
    {
        var wsId = reader.GetGuid(0);
        if (workstreams.Count == 0 || workstreams[^1].Workstream.Id != wsId)
            workstreams.Add((new DispatchWorkstreamDto
            {
                Id = wsId, Key = reader.GetString(1), Title = reader.GetString(2),
                Status = SnakeCaseEnumConverter<WorkstreamStatus>.FromName(reader.GetString(3)),
            }, []));
        if (reader.IsDBNull(4))
            continue;
        workstreams[^1].Tasks.Add(new Row(
            reader.GetGuid(4), reader.GetString(5), workstreams[^1].Workstream.Key, reader.GetString(6), reader.GetInt32(7),
            SnakeCaseEnumConverter<WorkTaskStatus>.FromName(reader.GetString(8)), reader.GetBoolean(9), reader.GetFieldValue<DateTimeOffset>(10),
            reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12)));
    }

    await reader.NextResultAsync(ct);
    var readiness = new Dictionary<Guid, (bool Ready, List<BlockerDto> Blockers)>();
    while (await reader.ReadAsync(ct))
    {
        var taskId = reader.GetGuid(0);
        if (!readiness.TryGetValue(taskId, out var entry))
            readiness[taskId] = entry = (reader.GetBoolean(2), []);
        if (!reader.IsDBNull(3))
            entry.Blockers.Add(RawSql.Blocker(reader));
    }

    await reader.NextResultAsync(ct);
    var changes = new List<PendingInterfaceChangeDto>();
    while (await reader.ReadAsync(ct))
        changes.Add(new PendingInterfaceChangeDto
        {
            Id = reader.GetGuid(0), Title = reader.GetString(1),
            ChangeType = SnakeCaseEnumConverter<ChangeType>.FromName(reader.GetString(2)),
            InterfaceType = SnakeCaseEnumConverter<InterfaceType>.FromName(reader.GetString(3)),
            OriginRepoSlug = reader.GetString(4), AffectedPaths = reader.GetFieldValue<string[]>(5),
            PlannedFor = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6),
            PublishedAt = reader.GetFieldValue<DateTimeOffset>(7),
            MyStatus = SnakeCaseEnumConverter<ConsumerStatus>.FromName(reader.GetString(8)),
        });

    DispatchTaskDto ToDto(Row t)
    {
        var claimed = t.ClaimedBy is not null && t.ClaimExpiresAt > now;
        var lapsed = t.Status == WorkTaskStatus.InProgress && t.ClaimedBy is not null && !claimed;
        var r = readiness.GetValueOrDefault(t.Id);
        return new DispatchTaskDto
        {
            Id = t.Id, Key = t.Key, WorkstreamKey = t.WorkstreamKey, Title = t.Title, Priority = t.Priority,
            Status = lapsed ? WorkTaskStatus.Todo : t.Status, NeedsHuman = t.NeedsHuman,
            Ready = r.Ready, BlockedBy = r.Blockers ?? [],
            ClaimedBy = claimed ? t.ClaimedBy : null, ClaimExpiresAt = claimed ? t.ClaimExpiresAt : null,
        };
    }

    var all = workstreams.SelectMany(w => w.Tasks).OrderBy(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id).ToList();
    return Results.Json(new DispatchDto
    {
        RepoSlug = repoSlug,
        ActiveGoal = goal,
        ActiveWorkstreams = workstreams.Select(w => w.Workstream with { PendingTasks = w.Tasks.Select(ToDto).ToList() }).ToList(),
        HumanInterventions = all.Where(t => t.NeedsHuman).Select(ToDto).ToList(),
        NextTask = all.Where(t => readiness.GetValueOrDefault(t.Id).Ready).Select(ToDto).FirstOrDefault(),
        PendingInterfaceChanges = changes,
        UnreadInboxCount = unread,
        LastStateSyncedAt = synced,
    }, json);
});

app.Run();

internal sealed record Row(
    Guid Id, string Key, string WorkstreamKey, string Title, int Priority, WorkTaskStatus Status, bool NeedsHuman,
    DateTimeOffset CreatedAt, string? ClaimedBy, DateTimeOffset? ClaimExpiresAt);

/// <summary>The hub's wire format for timestamps: UTC, microseconds.</summary>
internal sealed class UtcTimestamp : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(new DateTimeOffset(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero));
}

internal static class RawSql
{
    public const string InterfaceChange = """
        SELECT c.id, c.origin_repo_id, r.slug, c.title, c.description, c.change_type, c.interface_type, c.affected_repo_slugs,
               c.affected_paths, c.planned_for, c.status, c.published_at, c.resolved_at, c.resolution_note, c.created_at, c.updated_at
        FROM interface_changes c JOIN managed_repos r ON r.id = c.origin_repo_id
        WHERE c.id = @id
        """;

    // Ordinal order by slug, as the hub sorts them.
    public const string Consumers = """
        SELECT repo_slug, status, note, updated_at FROM interface_change_consumers
        WHERE interface_change_id = @id ORDER BY repo_slug COLLATE "C"
        """;

    public const string Repo = """
        SELECT r.id, r.domain_id, d.slug, r.slug, r.name, r.local_path, r.remote_url, r.git_fingerprint, r.description,
               r.topic_id, r.status, r.host_paths::text, r.last_sbom_at, r.last_state_synced_at, r.created_at, r.updated_at
        FROM managed_repos r JOIN domains d ON d.id = r.domain_id
        WHERE r.slug = @slug
        """;

    public const string Task = """
        SELECT t.id, t.workstream_id, t.key, t.title, t.priority, t.status, t.needs_human,
               t.claimed_by, t.claim_expires_at, t.claim_token, t.created_at, t.updated_at
        FROM tasks t WHERE t.id = @id
        """;

    private const string EffectiveStatus = "(CASE WHEN bt.status = 'in_progress' AND bt.claimed_by IS NOT NULL AND bt.claim_expires_at <= @now THEN 'todo' ELSE bt.status END)";

    public static string Readiness(string filter) => $"""
        SELECT t.id, (w.status = 'active'),
               (w.status = 'active'
                AND (t.status = 'todo' OR (t.status = 'in_progress' AND t.claimed_by IS NOT NULL AND t.claim_expires_at <= @now))
                AND b.id IS NULL),
               b.id, b.kind, b.blocker_id, b.key_or_title, b.repo_slug, b.status
        FROM tasks t
        JOIN workstreams w ON w.id = t.workstream_id
        LEFT JOIN LATERAL (
            SELECT d.id, CASE WHEN d.blocked_by_task_id IS NOT NULL THEN 'task' ELSE 'interface_change' END AS kind,
                   COALESCE(d.blocked_by_task_id, d.blocked_by_interface_change_id) AS blocker_id,
                   COALESCE(bt.key, ic.title) AS key_or_title, COALESCE(btr.slug, icr.slug) AS repo_slug,
                   COALESCE({EffectiveStatus}, ic.status) AS status, d.created_at
            FROM task_dependencies d
            LEFT JOIN tasks bt ON bt.id = d.blocked_by_task_id
            LEFT JOIN workstreams btw ON btw.id = bt.workstream_id
            LEFT JOIN managed_repos btr ON btr.id = btw.repo_id
            LEFT JOIN interface_changes ic ON ic.id = d.blocked_by_interface_change_id
            LEFT JOIN managed_repos icr ON icr.id = ic.origin_repo_id
            WHERE d.task_id = t.id AND (bt.status NOT IN ('done', 'cancelled') OR ic.status <> 'resolved')
        ) b ON true
        WHERE {filter}
        ORDER BY t.id, b.created_at, b.id
        """;

    public static readonly string[] Dispatch =
    [
        """
        SELECT r.id, r.slug, r.last_state_synced_at,
               (SELECT count(*)::int FROM inbox_messages m WHERE m.repo_id = r.id AND m.read_at IS NULL)
        FROM managed_repos r WHERE r.slug = @slug
        """,
        """
        SELECT g.id, g.title, g.description, g.priority
        FROM repo_goals g JOIN managed_repos r ON r.id = g.repo_id
        WHERE r.slug = @slug AND g.status = 'active'
        ORDER BY g.priority, g.created_at, g.id LIMIT 1
        """,
        """
        SELECT w.id, w.key, w.title, w.status,
               t.id, t.key, t.title, t.priority, t.status, t.needs_human, t.created_at, t.claimed_by, t.claim_expires_at
        FROM workstreams w
        JOIN managed_repos r ON r.id = w.repo_id
        LEFT JOIN tasks t ON t.workstream_id = w.id AND t.status IN ('todo', 'in_progress')
        WHERE r.slug = @slug AND w.status = 'active'
        ORDER BY w.created_at, w.id, t.priority, t.created_at, t.id
        """,
        Readiness("w.repo_id = (SELECT id FROM managed_repos WHERE slug = @slug) AND w.status = 'active' AND t.status IN ('todo', 'in_progress')"),
        """
        SELECT c.id, c.title, c.change_type, c.interface_type, origin.slug, c.affected_paths, c.planned_for, c.published_at, me.status
        FROM interface_changes c
        JOIN managed_repos origin ON origin.id = c.origin_repo_id
        JOIN interface_change_consumers me ON me.interface_change_id = c.id AND me.repo_slug = @slug
        WHERE c.status = 'published' AND c.affected_repo_slugs @> ARRAY[@slug::text]
          AND me.status IN ('notified', 'acknowledged')
        ORDER BY c.published_at DESC, c.id DESC
        """,
    ];

    public static BlockerDto Blocker(NpgsqlDataReader reader) => new()
    {
        DependencyId = reader.GetGuid(3), Kind = reader.GetString(4), Id = reader.GetGuid(5),
        KeyOrTitle = reader.GetString(6), RepoSlug = reader.GetString(7), Status = reader.GetString(8),
    };
}

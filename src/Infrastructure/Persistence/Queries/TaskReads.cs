using StateHub.Application.Common.Abstractions;
using StateHub.Application.Tasks;
using StateHub.Domain.Work;
using StateHub.Infrastructure.Persistence.Conversions;
using StateHub.Infrastructure.Persistence.Repositories;

namespace StateHub.Infrastructure.Persistence.Queries;

/// <summary>
/// GET /tasks/{id} in one round trip: one command carrying the task's row and its readiness rows
/// (the same readiness SQL as every other task read), read without change tracking.
/// </summary>
internal sealed class TaskReads(StateHubDbContext db) : ITaskReads
{
    private static readonly string Sql = $"""
        SELECT t.id, t.workstream_id, t.key, t.title, t.priority, t.status, t.needs_human,
               t.claimed_by, t.claim_expires_at, t.claim_token, t.created_at, t.updated_at
        FROM tasks t
        WHERE t.id = {"{0}"};

        {TaskDependencyRepository.ReadinessQuery("t.id = {0}")}
        """;

    public async Task<TaskDto?> GetAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = await RawReads.ExecuteReaderAsync(db, Sql, [id, now], cancellationToken);
        var reader = command.DbDataReader;
        if (!await reader.ReadAsync(cancellationToken))
            return null;

        var status = SnakeCaseEnumConverter<WorkTaskStatus>.FromName(reader.GetString(5));
        var claimedBy = reader.IsDBNull(7) ? null : reader.GetString(7);
        var claimExpiresAt = reader.IsDBNull(8) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(8);
        // A lapsed claim is nobody's, and its task todo again.
        var claimed = WorkTask.IsClaimed(claimedBy, claimExpiresAt, now);
        var lapsed = WorkTask.HasLapsedClaim(status, claimedBy, claimExpiresAt, now);
        var task = new TaskDto
        {
            Id = reader.GetGuid(0),
            WorkstreamId = reader.GetGuid(1),
            Key = reader.GetString(2),
            Title = reader.GetString(3),
            Priority = reader.GetInt32(4),
            Status = lapsed ? WorkTaskStatus.Todo : status,
            NeedsHuman = reader.GetBoolean(6),
            ClaimedBy = claimed ? claimedBy : null,
            ClaimExpiresAt = claimed ? claimExpiresAt : null,
            ClaimToken = claimed ? reader.GetInt64(9) : null,
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(10),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(11),
        };

        await reader.NextResultAsync(cancellationToken);
        var rows = new List<ReadinessRow>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(ReadinessRow.Read(reader));
        var readiness = ReadinessQueries.Group(rows).GetValueOrDefault(task.Id);
        return task with { BlockedBy = readiness?.BlockedBy ?? [], Ready = readiness?.Ready ?? false };
    }
}

using StateHub.Application.Common.Abstractions;
using StateHub.Application.InterfaceChanges;
using StateHub.Domain.InterfaceChanges;
using StateHub.Infrastructure.Persistence.Conversions;

namespace StateHub.Infrastructure.Persistence.Queries;

/// <summary>
/// GET /interface-changes/{id} in one round trip: one command carrying the change (joined to its
/// origin's slug) and its consumers, read straight into the DTO without change tracking.
/// </summary>
internal sealed class InterfaceChangeReads(StateHubDbContext db) : IInterfaceChangeReads
{
    private const string Sql = """
        SELECT c.id, c.origin_repo_id, r.slug, c.title, c.description, c.change_type, c.interface_type, c.affected_repo_slugs,
               c.affected_paths, c.planned_for, c.status, c.published_at, c.resolved_at, c.resolution_note, c.created_at, c.updated_at
        FROM interface_changes c JOIN managed_repos r ON r.id = c.origin_repo_id
        WHERE c.id = {0};

        SELECT repo_slug, status, note, updated_at FROM interface_change_consumers
        WHERE interface_change_id = {0};
        """;

    public async Task<InterfaceChangeDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = await RawReads.ExecuteReaderAsync(db, Sql, [id], cancellationToken);
        var reader = command.DbDataReader;
        if (!await reader.ReadAsync(cancellationToken))
            return null;

        var change = new InterfaceChangeDto
        {
            Id = reader.GetGuid(0),
            OriginRepoId = reader.GetGuid(1),
            OriginRepoSlug = reader.GetString(2),
            Title = reader.GetString(3),
            Description = reader.IsDBNull(4) ? null : reader.GetString(4),
            ChangeType = SnakeCaseEnumConverter<ChangeType>.FromName(reader.GetString(5)),
            InterfaceType = SnakeCaseEnumConverter<InterfaceType>.FromName(reader.GetString(6)),
            AffectedRepoSlugs = reader.GetFieldValue<string[]>(7),
            AffectedPaths = reader.GetFieldValue<string[]>(8),
            PlannedFor = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
            Status = SnakeCaseEnumConverter<InterfaceChangeStatus>.FromName(reader.GetString(10)),
            PublishedAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
            ResolvedAt = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
            ResolutionNote = reader.IsDBNull(13) ? null : reader.GetString(13),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(14),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(15),
        };

        await reader.NextResultAsync(cancellationToken);
        var consumers = new List<InterfaceChangeConsumerDto>();
        while (await reader.ReadAsync(cancellationToken))
        {
            consumers.Add(new InterfaceChangeConsumerDto
            {
                RepoSlug = reader.GetString(0),
                Status = SnakeCaseEnumConverter<ConsumerStatus>.FromName(reader.GetString(1)),
                Note = reader.IsDBNull(2) ? null : reader.GetString(2),
                UpdatedAt = reader.GetFieldValue<DateTimeOffset>(3),
            });
        }

        // Ordinal order of slug, as every other read of a change shows them (sorted here, not by a collation).
        consumers.Sort((a, b) => string.CompareOrdinal(a.RepoSlug, b.RepoSlug));
        return change with { Consumers = consumers };
    }
}

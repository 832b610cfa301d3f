using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Repos;

namespace StateHub.Infrastructure.Persistence.Repositories;

/// <summary>The single facts row per repo, replaced with one upsert so concurrent first reports never collide.</summary>
internal sealed class RepoFactsRepository(StateHubDbContext db) : IRepoFactsRepository
{
    private const string UpsertSql = """
        INSERT INTO repo_facts (repo_id, root_files, workplan_files, root_commit, collected_at, received_at)
        VALUES (@repo_id, @root_files, @workplan_files::jsonb, @root_commit, @collected_at, @received_at)
        ON CONFLICT (repo_id) DO UPDATE SET
            root_files = EXCLUDED.root_files,
            workplan_files = EXCLUDED.workplan_files,
            root_commit = EXCLUDED.root_commit,
            collected_at = EXCLUDED.collected_at,
            received_at = GREATEST(EXCLUDED.received_at, repo_facts.received_at + interval '1 microsecond')
        RETURNING received_at AS "Value"
        """;

    public async Task<DateTimeOffset> UpsertAsync(RepoFactsReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var stored = await db.Database.SqlQueryRaw<DateTimeOffset>(
            UpsertSql,
            [
                new NpgsqlParameter("repo_id", NpgsqlDbType.Uuid) { Value = report.RepoId },
                new NpgsqlParameter("root_files", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = report.RootFiles.ToArray() },
                new NpgsqlParameter("workplan_files", NpgsqlDbType.Text) { Value = report.WorkplanFiles },
                new NpgsqlParameter("root_commit", NpgsqlDbType.Text) { Value = (object?)report.RootCommit ?? DBNull.Value },
                new NpgsqlParameter("collected_at", NpgsqlDbType.TimestampTz) { Value = report.CollectedAt.ToUniversalTime() },
                new NpgsqlParameter("received_at", NpgsqlDbType.TimestampTz) { Value = report.ReceivedAt.ToUniversalTime() },
            ]).ToListAsync(cancellationToken);
        return stored.Single();
    }
}

using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Common;
using StateHub.Domain.Doi;

namespace StateHub.Infrastructure.Persistence.Repositories;

/// <summary>
/// Writes DoI cache rows with one <c>INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE</c>: one
/// statement and nine array parameters however many rows, and never over a newer evaluation.
/// </summary>
internal sealed class DoiCacheStore(StateHubDbContext db) : IDoiCacheStore
{
    private const string UpsertSql = """
        INSERT INTO doi_cache (repo_id, tier, core_pass, standard_pass, full_pass, criteria, fingerprint, checked_at, full_evaluation)
        SELECT u.repo_id, u.tier, u.core_pass, u.standard_pass, u.full_pass, u.criteria::jsonb, u.fingerprint, u.checked_at, u.full_evaluation
        FROM unnest(@repo_ids, @tiers, @core_pass, @standard_pass, @full_pass, @criteria, @fingerprints, @checked_at, @full_evaluation)
            AS u(repo_id, tier, core_pass, standard_pass, full_pass, criteria, fingerprint, checked_at, full_evaluation)
        ON CONFLICT (repo_id) DO UPDATE SET
            tier = EXCLUDED.tier,
            core_pass = EXCLUDED.core_pass,
            standard_pass = EXCLUDED.standard_pass,
            full_pass = EXCLUDED.full_pass,
            criteria = EXCLUDED.criteria,
            fingerprint = EXCLUDED.fingerprint,
            checked_at = EXCLUDED.checked_at,
            full_evaluation = EXCLUDED.full_evaluation
        WHERE doi_cache.checked_at <= EXCLUDED.checked_at
        """;

    public async Task UpsertAsync(IReadOnlyCollection<DoiCacheEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // ON CONFLICT cannot touch one row twice in a statement: keep each repo's latest entry.
        var rows = entries.GroupBy(e => e.RepoId).Select(g => g.MaxBy(e => e.CheckedAt)!).ToList();
        if (rows.Count == 0)
            return;

        await db.Database.ExecuteSqlRawAsync(
            UpsertSql,
            [
                Array("repo_ids", NpgsqlDbType.Uuid, rows.Select(r => r.RepoId).ToArray()),
                Array("tiers", NpgsqlDbType.Text, rows.Select(r => EnumWire.Name(r.Tier)).ToArray()),
                Array("core_pass", NpgsqlDbType.Boolean, rows.Select(r => r.CorePass).ToArray()),
                Array("standard_pass", NpgsqlDbType.Boolean, rows.Select(r => r.StandardPass).ToArray()),
                Array("full_pass", NpgsqlDbType.Boolean, rows.Select(r => r.FullPass).ToArray()),
                Array("criteria", NpgsqlDbType.Text, rows.Select(r => r.Criteria).ToArray()),
                Array("fingerprints", NpgsqlDbType.Text, rows.Select(r => r.Fingerprint).ToArray()),
                Array("checked_at", NpgsqlDbType.TimestampTz, rows.Select(r => r.CheckedAt.ToUniversalTime()).ToArray()),
                Array("full_evaluation", NpgsqlDbType.Boolean, rows.Select(r => r.FullEvaluation).ToArray()),
            ],
            cancellationToken);
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType elementType, T[] values) =>
        new(name, NpgsqlDbType.Array | elementType) { Value = values };
}

using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Common;
using StateHub.Domain.Doi;

namespace StateHub.Infrastructure.Persistence.Repositories;

/// <summary>
/// Writes DoI cache rows in three set-based statements whatever the number of rows (array
/// parameters over <c>unnest</c>), and hands the Application the row each write replaced, as it
/// stood when the write locked it, then saves what the Application queued (webhook events) and
/// commits, all in one transaction. The replaced rows stay locked until the commit, so two nodes
/// evaluating the same repo at once are serialised: the second sees the first one's tier as the
/// previous one, never the tier both started from.
/// <list type="number">
/// <item><c>INSERT … ON CONFLICT DO NOTHING RETURNING</c>: first evaluations (no previous row). A
/// concurrent first insert of the same repo makes this wait for it, then skip the row.</item>
/// <item><c>SELECT … FOR UPDATE</c> of the other rows, in repo-id order: the latest committed
/// versions, locked.</item>
/// <item><c>UPDATE … FROM unnest(…)</c> of those rows, never over a newer evaluation.</item>
/// </list>
/// One <c>INSERT … ON CONFLICT DO UPDATE</c> cannot do it on PostgreSQL 15: its <c>RETURNING</c>
/// shows only the new row, and a CTE reading the old one sees the statement's snapshot, not a
/// version a concurrent node committed meanwhile.
/// </summary>
internal sealed class DoiCacheStore(StateHubDbContext db, IUnitOfWork unitOfWork) : IDoiCacheStore
{
    private const string Input = """
        unnest(@repo_ids, @tiers, @core_pass, @standard_pass, @full_pass, @criteria, @fingerprints, @checked_at, @full_evaluation, @blockers)
            AS u(repo_id, tier, core_pass, standard_pass, full_pass, criteria, fingerprint, checked_at, full_evaluation, blockers)
        """;

    private const string InsertSql = $"""
        INSERT INTO doi_cache (repo_id, tier, core_pass, standard_pass, full_pass, criteria, fingerprint, checked_at, full_evaluation, next_tier_blockers)
        SELECT u.repo_id, u.tier, u.core_pass, u.standard_pass, u.full_pass, u.criteria::jsonb, u.fingerprint, u.checked_at, u.full_evaluation,
               string_to_array(u.blockers, ',')
        FROM {Input}
        ORDER BY u.repo_id
        ON CONFLICT (repo_id) DO NOTHING
        RETURNING repo_id AS "Value"
        """;

    private const string UpdateSql = $"""
        UPDATE doi_cache d SET
            tier = u.tier,
            core_pass = u.core_pass,
            standard_pass = u.standard_pass,
            full_pass = u.full_pass,
            criteria = u.criteria::jsonb,
            fingerprint = u.fingerprint,
            checked_at = u.checked_at,
            full_evaluation = u.full_evaluation,
            next_tier_blockers = string_to_array(u.blockers, ',')
        FROM {Input}
        WHERE d.repo_id = u.repo_id AND d.checked_at <= u.checked_at
        RETURNING d.repo_id AS "Value"
        """;

    public async Task UpsertAsync(IReadOnlyCollection<DoiCacheEntry> entries, Action<IReadOnlyList<DoiCacheWrite>> written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(written);
        // One row per repo (its latest entry), in repo-id order so concurrent writers lock in the same order.
        var rows = entries.GroupBy(e => e.RepoId).Select(g => g.MaxBy(e => e.CheckedAt)!).OrderBy(e => e.RepoId).ToList();
        if (rows.Count == 0)
            return;

        await unitOfWork.ExecuteInTransactionAsync(async ct =>
        {
            var writes = await WriteAsync(rows, ct);
            written(writes);
            // Saves what the callback queued (the outbox's events and deliveries) in this transaction.
            await unitOfWork.SaveChangesAsync(ct);
            return writes.Count;
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<DoiCacheWrite>> WriteAsync(List<DoiCacheEntry> rows, CancellationToken cancellationToken)
    {
        var inserted = (await db.Database.SqlQueryRaw<Guid>(InsertSql, Parameters(rows)).ToListAsync(cancellationToken)).ToHashSet();
        var existing = rows.Where(r => !inserted.Contains(r.RepoId)).ToList();
        var writes = rows.Where(r => inserted.Contains(r.RepoId)).Select(r => new DoiCacheWrite(r, null)).ToList();
        if (existing.Count == 0)
            return writes;

        var ids = existing.Select(r => r.RepoId).ToArray();
        var previous = await db.DoiCache
            .FromSql($"SELECT * FROM doi_cache WHERE repo_id = ANY({ids}) ORDER BY repo_id FOR UPDATE")
            .AsNoTracking()
            .ToDictionaryAsync(c => c.RepoId, cancellationToken);
        var updated = (await db.Database.SqlQueryRaw<Guid>(UpdateSql, Parameters(existing)).ToListAsync(cancellationToken)).ToHashSet();
        writes.AddRange(existing.Where(r => updated.Contains(r.RepoId)).Select(r => new DoiCacheWrite(r, previous.GetValueOrDefault(r.RepoId))));
        return writes;
    }

    private static object[] Parameters(List<DoiCacheEntry> rows) =>
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
        // One text per row (criterion ids have no commas; '' is none, NULL unknown), split back into text[] in SQL:
        // unnest cannot take a ragged array of arrays.
        Array("blockers", NpgsqlDbType.Text, rows.Select(r => r.NextTierBlockers is { } b ? string.Join(',', b) : null).ToArray()),
    ];

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType elementType, T[] values) =>
        new(name, NpgsqlDbType.Array | elementType) { Value = values };
}

using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StateHub.Infrastructure.Persistence;
using StateHub.Infrastructure.Persistence.Queries;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Doi;

/// <summary>
/// The log that tells a node its kept DoI inputs are stale (see DoiSummaryTests for what it is
/// for): which writes it sees, and how it is kept short.
/// </summary>
public sealed class DoiInputChangeLogTests : FunctionalTestBase
{
    [Test]
    public async Task EveryTableTheSummaryReads_LogsItsWrites()
    {
        var logged = await ScalarListAsync(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE 'trg_%_doi_input_change' ORDER BY 1");

        Assert.That(logged, Is.EquivalentTo(new[]
        {
            "domains", "managed_repos", "repo_facts", "doi_cache", "repo_goals", "tpsc_snapshots", "inbox_messages", "workstreams", "tasks",
        }));
    }

    [Test]
    public async Task AWriteTransaction_LogsItsIdOnce_AReadLogsNothing()
    {
        var before = await CountAsync();
        await using (var connection = await OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, "INSERT INTO domains (id, slug, name, status, created_at, updated_at) VALUES (gen_random_uuid(), 'logged', 'Logged', 'active', now(), now())", transaction);
            await ExecuteAsync(connection, "UPDATE domains SET name = 'Logged twice' WHERE slug = 'logged'", transaction);
            await transaction.CommitAsync();
        }

        await GetOkAsync("/repos/doi/summary");
        await GetOkAsync("/domains");

        Assert.That(await CountAsync(), Is.EqualTo(before + 1), "one row for the writing transaction, none for the reads (the summary of an empty fleet writes nothing)");
    }

    [Test]
    public async Task Purge_DeletesOnlyRowsOlderThanTheRetention()
    {
        // Transaction ids 1 and 2 are never a real transaction's (bootstrap, frozen).
        await using (var connection = await OpenAsync())
        {
            await ExecuteAsync(connection, """
                INSERT INTO doi_input_changes (xid, changed_at) VALUES
                    ('1'::xid8, clock_timestamp() - interval '11 minutes'),
                    ('2'::xid8, clock_timestamp() - interval '9 minutes')
                ON CONFLICT (xid) DO UPDATE SET changed_at = excluded.changed_at
                """);
        }

        var purged = await DoiInputChangeLogPurgeService.PurgeAsync(Factory.Services.GetRequiredService<DatabaseConnection>(), 1000, CancellationToken.None);

        Assert.That(purged, Is.GreaterThanOrEqualTo(1));
        var left = await ScalarListAsync("SELECT xid::text FROM doi_input_changes WHERE xid IN ('1'::xid8, '2'::xid8)");
        Assert.That(left, Is.EqualTo(new[] { "2" }));
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Lane.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM doi_input_changes", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> ScalarListAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }
}

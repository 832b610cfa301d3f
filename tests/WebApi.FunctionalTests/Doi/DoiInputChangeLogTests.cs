using System.Text.Json.Nodes;
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
        // The tables come from the plan of the statement the summary reads its inputs with, so a table added to
        // that statement without a trigger fails here. Kept inputs are let go after a minute: this read reads anew.
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using (Factory.SqlCounter.Record())
            await GetOkAsync("/repos/doi/summary");
        var inputs = Factory.SqlCounter.Commands.Single(c => c.Text.Contains("FROM managed_repos", StringComparison.Ordinal));
        await using var connection = await OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + inputs.Text, connection);
        foreach (var (name, value) in inputs.Parameters)
            explain.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        var read = QueryPlans.Relations(JsonNode.Parse((string)(await explain.ExecuteScalarAsync())!)).Distinct().ToList();

        var logged = await ScalarListAsync(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE 'trg_%_doi_input_change' ORDER BY 1");

        Assert.That(read, Has.Count.GreaterThanOrEqualTo(9), string.Join(", ", read));
        Assert.That(logged, Is.SupersetOf(read));
    }

    [Test]
    public async Task AWriteTransaction_LogsItsIdOnce_AReadLogsNothing()
    {
        string xid;
        await using (var connection = await OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, "INSERT INTO domains (id, slug, name, status, created_at, updated_at) VALUES (gen_random_uuid(), 'logged', 'Logged', 'active', now(), now())", transaction);
            await ExecuteAsync(connection, "UPDATE domains SET name = 'Logged twice' WHERE slug = 'logged'", transaction);
            await using (var id = new NpgsqlCommand("SELECT pg_current_xact_id()::text", connection, transaction))
                xid = (string)(await id.ExecuteScalarAsync())!;
            await transaction.CommitAsync();
        }

        await GetOkAsync("/repos/doi/summary");
        await GetOkAsync("/domains");

        Assert.That(await ScalarListAsync($"SELECT xid::text FROM doi_input_changes WHERE xid = '{xid}'::xid8"), Has.Count.EqualTo(1), "one row for the writing transaction");
        Assert.That(await ScalarListAsync($"SELECT xid::text FROM doi_input_changes WHERE xid > '{xid}'::xid8"), Is.Empty,
            "none for the reads (the summary of an empty fleet writes no cache row)");
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

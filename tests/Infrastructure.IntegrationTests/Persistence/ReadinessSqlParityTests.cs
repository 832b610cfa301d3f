using Npgsql;
using StateHub.Domain.Common;
using StateHub.Domain.Work;
using StateHub.Infrastructure.Persistence.Queries;
using StateHub.TestKit;

namespace StateHub.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The claim rules live twice, by necessity: in the domain (WorkTask, and the reads that shape rows
/// with it) and in SQL (ReadinessSql: the sweep, claim-next, readiness, dispatch). PostgreSQL evaluates
/// the SQL for every combination of status, claimant and expiry around "now", and both must agree.
/// </summary>
[NonParallelizable]
public sealed class ReadinessSqlParityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [OneTimeSetUp]
    public static Task StartDatabase() => TestDatabase.EnsureStartedAsync();

    [OneTimeTearDown]
    public static Task StopDatabase() => TestDatabase.StopAsync();

    private static IEnumerable<(WorkTaskStatus Status, string? ClaimedBy, DateTimeOffset? ExpiresAt)> Cases() =>
        from status in Enum.GetValues<WorkTaskStatus>()
        from claimedBy in new[] { null, "agent-1" }
        from expiresAt in new DateTimeOffset?[] { null, Now.AddTicks(-10), Now, Now.AddTicks(10), Now.AddHours(-1), Now.AddHours(1) }
        select (status, claimedBy, expiresAt);

    [Test]
    public async Task LapsedClaim_EffectiveStatus_EffectivelyTodo_AgreeWithWorkTask()
    {
        // The predicates serve in WHERE and CASE WHEN, where an unknown (NULL, e.g. a claimant without an
        // expiry) counts as false, as C#'s lifted comparison does; COALESCE reads them that way.
        var sql = $"""
            SELECT COALESCE({ReadinessSql.LapsedClaim("t", "@now")}, false), {ReadinessSql.EffectiveStatus("t", "@now")},
                   COALESCE({ReadinessSql.EffectivelyTodo("t", "@now")}, false)
            FROM (SELECT @status::text AS status, @claimed_by::text AS claimed_by, @expires_at::timestamptz AS claim_expires_at) t
            """;
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        var checkedCases = 0;
        foreach (var (status, claimedBy, expiresAt) in Cases())
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("now", Now);
            command.Parameters.AddWithValue("status", EnumWire.Name(status));
            command.Parameters.AddWithValue("claimed_by", (object?)claimedBy ?? DBNull.Value);
            command.Parameters.AddWithValue("expires_at", (object?)expiresAt ?? DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.That(await reader.ReadAsync(), Is.True);

            var lapsed = WorkTask.HasLapsedClaim(status, claimedBy, expiresAt, Now);
            var effective = lapsed ? WorkTaskStatus.Todo : status;
            var what = $"{status}, claimed_by {claimedBy ?? "null"}, expires {expiresAt?.ToString("O") ?? "null"}";
            Assert.That(reader.GetBoolean(0), Is.EqualTo(lapsed), "lapsed: " + what);
            Assert.That(reader.GetString(1), Is.EqualTo(EnumWire.Name(effective)), "effective status: " + what);
            Assert.That(reader.GetBoolean(2), Is.EqualTo(effective == WorkTaskStatus.Todo), "effectively todo: " + what);
            checkedCases++;
        }

        Assert.That(checkedCases, Is.EqualTo(Enum.GetValues<WorkTaskStatus>().Length * 2 * 6));
    }
}

using System.Text.RegularExpressions;
using Npgsql;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.InterfaceChanges;

/// <summary>
/// "Changes affecting repo X" is served by the GIN index on affected_repo_slugs. EFCore.PG
/// translates Contains to the index-usable <c>@&gt;</c> only because the model declares that
/// index; without it the SQL would be <c>= ANY(...)</c>, which a GIN index cannot serve.
/// </summary>
public sealed partial class AffectedRepoIndexTests : InterfaceChangeTestBase
{
    private const string GinIndex = "ix_interface_changes_affected_repo_slugs";

    [Test]
    public async Task ListInterfaceChanges_AffectedFilter_SendsContainmentThatThePlannerServesFromTheGinIndex()
    {
        for (var i = 0; i < 20; i++)
            await RegisterChangeAsync(ChangeBody(title: $"Change {i}", affected: i % 2 == 0 ? [ConsumerA] : [ConsumerB]));

        using (Factory.SqlCounter.Record())
            Assert.That((await GetOkAsync($"/interface-changes/?affected={ConsumerA}")).AsArray(), Has.Count.EqualTo(10));
        var statements = Factory.SqlCounter.Statements;
        var sql = statements.SingleOrDefault(s => s.Contains("FROM interface_changes", StringComparison.Ordinal));
        Assert.That(sql, Is.Not.Null, string.Join("\n---\n", statements));
        Assert.That(sql, Does.Contain("affected_repo_slugs @>").And.Not.Contain("ANY"), sql);

        var plan = await ExplainAsync(BindSlug(sql!, ConsumerA));
        TestContext.Out.WriteLine(sql + "\n\n" + plan);

        Assert.That(plan, Does.Contain(GinIndex), plan);
    }

    [Test]
    public async Task ExplainAnyComparison_SameData_CannotUseTheGinIndex()
    {
        // The control: the translation EFCore.PG falls back to without the index declaration.
        await RegisterChangeAsync(ChangeBody(affected: [ConsumerA]));

        var plan = await ExplainAsync($"SELECT id FROM interface_changes WHERE '{ConsumerA}' = ANY (affected_repo_slugs)");

        Assert.That(plan, Does.Not.Contain(GinIndex), plan);
    }

    /// <summary>
    /// Replaces the statement's filter parameter with the slug and its page size (the one after
    /// <c>LIMIT</c>) with a number, both as literals, so EXPLAIN can plan it.
    /// </summary>
    private static string BindSlug(string sql, string slug)
    {
        var limits = Regex.Matches(sql, @"LIMIT (@\w+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        foreach (var limit in limits)
            sql = sql.Replace(limit, "101", StringComparison.Ordinal);
        var parameters = Parameter().Matches(sql).Select(m => m.Value).Distinct().ToList();
        Assert.That(parameters, Has.Count.EqualTo(1), "the affected filter alone should bind one parameter: " + sql);
        return sql.Replace(parameters[0], $"'{slug}'", StringComparison.Ordinal);
    }

    /// <summary>
    /// The plan of <paramref name="sql"/>, with sequential and plain index scans priced out so that,
    /// on a tiny table, the planner must pick a bitmap scan: of the GIN index when the filter can use
    /// it, else of some other index read whole and filtered. The tables are analysed first, so the
    /// statistics are those of the test's own rows whatever ran on the database before.
    /// </summary>
    private static async Task<string> ExplainAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("ANALYZE interface_changes; ANALYZE managed_repos; SET enable_seqscan = off; SET enable_indexscan = off; SET enable_indexonlyscan = off", connection))
            await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        await using var reader = await explain.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(0));
        return string.Join("\n", lines);
    }

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Parameter();
}

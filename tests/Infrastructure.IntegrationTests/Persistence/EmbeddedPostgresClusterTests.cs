using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StateHub.Infrastructure.Persistence.Embedded;

namespace StateHub.Infrastructure.IntegrationTests.Persistence;

public sealed class EmbeddedPostgresClusterTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Path.Combine(Path.GetTempPath(), "statehub-embedded-" + Guid.NewGuid().ToString("N")[..12]);

    [TearDown]
    public void DeleteRoot()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task StartAsync_SecondStartOnSameFolder_ReusesTheClusterAndItsData()
    {
        var options = new EmbeddedPostgresOptions { DataDirectory = _root, Database = "reuse_check" };

        await using (var first = await EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance))
        {
            await ExecuteAsync(first.ConnectionString, "CREATE TABLE marker (value text); INSERT INTO marker VALUES ('kept')");
            await first.StopAsync();
        }

        await using var second = await EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance);
        await using var connection = new NpgsqlConnection(second.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT value FROM marker", connection);

        Assert.That(await read.ExecuteScalarAsync(), Is.EqualTo("kept"));
        Assert.That(new NpgsqlConnectionStringBuilder(second.ConnectionString).Host, Is.EqualTo("127.0.0.1"));
        await second.StopAsync();
    }

    /// <summary>A data folder that holds files but no cluster is someone's data: left alone, and the start refused with what to change.</summary>
    [Test]
    public void StartAsync_DataFolderHoldsFilesButNoCluster_LeavesThemAndSaysWhatToChange()
    {
        var notes = Path.Combine(_root, "data", "important", "notes.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(notes)!);
        File.WriteAllText(notes, "precious");
        var options = new EmbeddedPostgresOptions { DataDirectory = _root };

        var ex = Assert.ThrowsAsync<EmbeddedDatabaseUnavailableException>(() => EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance));

        Assert.That(ex!.Message, Does.Contain("will not overwrite").And.Contain("EmbeddedDatabase__DataDirectory"));
        Assert.That(File.ReadAllText(notes), Is.EqualTo("precious"));
    }

    [Test]
    public void StartAsync_NoBinaries_SaysWhatToInstallOrSet()
    {
        var options = new EmbeddedPostgresOptions { DataDirectory = _root, BinDirectory = Path.Combine(_root, "no-such-bin") };

        var ex = Assert.ThrowsAsync<EmbeddedDatabaseUnavailableException>(() => EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance));

        Assert.That(ex!.Message, Does.Contain("Install PostgreSQL").And.Contain("ConnectionStrings__StateHub"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public void StartAsync_AsRootInsideAFolderThePostgresUserCannotReach_SaysWhyAndWhatToDo()
    {
        Assume.That(Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows(), "only a root process hands the cluster to the postgres user");
        if (OperatingSystem.IsWindows())
            return;
        Directory.CreateDirectory(_root);
        File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new EmbeddedPostgresOptions { DataDirectory = Path.Combine(_root, "pg") };

        var ex = Assert.ThrowsAsync<EmbeddedDatabaseUnavailableException>(() => EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance));

        Assert.That(ex!.Message, Does.Contain("cannot reach").And.Contain("EmbeddedDatabase__DataDirectory"));
    }
}

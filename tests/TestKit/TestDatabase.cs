using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Respawn;
using Respawn.Graph;
using StateHub.Infrastructure.Persistence.Embedded;

namespace StateHub.TestKit;

/// <summary>
/// One real PostgreSQL for the whole run: a throwaway cluster built the same way the service
/// builds its embedded one, or the server named by <c>STATEHUB_TEST_DB</c>. Either way the run
/// gets a fresh database of its own, dropped at the end. A cluster the run owns is made for speed,
/// not durability (no fsync, asynchronous commit): it is thrown away at the end anyway.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgresCluster? _cluster;
    private static string? _root;
    private static string? _adminConnectionString;
    private static string? _databaseName;

    /// <summary>
    /// The database of the running fixture's lane (<see cref="TestLanes.Current"/>); the run's first
    /// database outside fixtures that hold a lane. Empty until <see cref="EnsureStartedAsync"/> ran.
    /// </summary>
    public static string ConnectionString => _adminConnectionString is null ? string.Empty : TestLanes.Current.ConnectionString;

    public static async Task EnsureStartedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_adminConnectionString is not null)
                return;

            var external = Environment.GetEnvironmentVariable("STATEHUB_TEST_DB");
            if (!string.IsNullOrWhiteSpace(external))
            {
                _adminConnectionString = external;
            }
            else
            {
                _root = Path.Combine(Path.GetTempPath(), "statehub-tests-" + Guid.NewGuid().ToString("N")[..12]);
                _cluster = await EmbeddedPostgresCluster.StartAsync(
                    new EmbeddedPostgresOptions { DataDirectory = _root, Database = "postgres" },
                    NullLogger.Instance);
                _adminConnectionString = _cluster.ConnectionString;
                await MakeDisposableAsync(_adminConnectionString);
            }

            _databaseName = "statehub_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(_adminConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {_databaseName}", connection);
                await create.ExecuteNonQueryAsync();
            }

            TestLanes.AddFirst(LaneConnectionString(_databaseName));
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Turns off what only protects data across a crash: the run's own cluster is deleted at the
    /// end, and every commit would otherwise wait for a disk flush (most of a test's time on a
    /// busy machine). All three settings apply on reload.
    /// </summary>
    private static async Task MakeDisposableAsync(string adminConnectionString)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
                 {
                     "ALTER SYSTEM SET fsync = off", "ALTER SYSTEM SET synchronous_commit = off",
                     "ALTER SYSTEM SET full_page_writes = off", "SELECT pg_reload_conf()",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    // Tests open many hosts; keep each lane's pool small so the server is never exhausted.
    private static string LaneConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database, MaxPoolSize = 30 }.ConnectionString;

    /// <summary>A further empty database for a lane (<see cref="TestLanes"/>), migrated by its first host and dropped at the end of the run.</summary>
    internal static async Task<string> CreateLaneDatabaseAsync()
    {
        var name = await CreateDatabaseAsync();
        return LaneConnectionString(name);
    }

    private static async Task<string> CreateDatabaseAsync()
    {
        await EnsureStartedAsync();
        var name = "statehub_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        lock (ExtraDatabases)
            ExtraDatabases.Add(name);
        return name;
    }

    private static readonly Dictionary<string, Respawner> Respawners = [];

    /// <summary>
    /// Empties every table but the migrations history (Respawn: one batch of DELETEs in
    /// foreign-key order, far cheaper than TRUNCATE on tables that hold a few rows). The database
    /// must already be migrated (a host has started on it).
    /// </summary>
    public static async Task ResetAsync(string? connectionString = null)
    {
        connectionString ??= ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Respawner? respawner;
        lock (Respawners)
            Respawners.TryGetValue(connectionString, out respawner);
        if (respawner is null)
        {
            respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
            {
                DbAdapter = DbAdapter.Postgres,
                SchemasToInclude = ["public"],
                // The DoI input change log is never emptied: a host that kept the fleet's DoI inputs from an
                // earlier test must see that the reset changed them (the reset's own DELETEs are logged).
                TablesToIgnore = [new Table("__ef_migrations_history"), new Table("doi_input_changes")],
                // DELETE in foreign-key order, not Respawn's default single TRUNCATE: a test leaves
                // a few rows, and TRUNCATE replaces every table's files and invalidates every other
                // session's catalogue cache, which each of the run's pooled connections then rebuilds
                // (it was the database's largest cost in a functional run).
                FormatDeleteStatement = table => $"DELETE FROM \"{table.Schema}\".\"{table.Name}\";",
            });
            lock (Respawners)
                Respawners[connectionString] = respawner;
        }

        // Background workers (webhook deliveries, claim sweeps) may hold row locks for a moment;
        // a deadlock victim is simply run again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await respawner.ResetAsync(connection);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(50);
            }
        }
    }

    private static readonly List<string> ExtraDatabases = [];

    /// <summary>A further empty database on the run's server (no migrations applied), dropped at the end of the run.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = await CreateDatabaseAsync();
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, MaxPoolSize = 10 }.ConnectionString;
    }

    public static async Task StopAsync()
    {
        TestLanes.Clear();
        NpgsqlConnection.ClearAllPools();
        if (_adminConnectionString is not null)
        {
            foreach (var extra in ExtraDatabases)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(_adminConnectionString);
                    await connection.OpenAsync();
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {extra} WITH (FORCE)", connection);
                    await drop.ExecuteNonQueryAsync();
                }
                catch (NpgsqlException)
                {
                }
            }
        }

        if (_adminConnectionString is not null && _databaseName is not null)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_adminConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // The cluster is going away anyway, or the external server keeps a harmless leftover.
            }
        }

        if (_cluster is not null)
        {
            await _cluster.StopAsync();
            _cluster = null;
            if (_root is not null)
            {
                try
                {
                    Directory.Delete(_root, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StateHub.Infrastructure.Persistence.Embedded;

namespace StateHub.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// One real PostgreSQL for the whole run: a throwaway cluster built the same way the service
/// builds its embedded one, or the server named by <c>STATEHUB_TEST_DB</c>. Either way the run
/// gets a fresh database of its own, dropped at the end.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgresCluster? _cluster;
    private static string? _root;
    private static string? _adminConnectionString;
    private static string? _databaseName;

    public static string ConnectionString { get; private set; } = null!;

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
            }

            _databaseName = "statehub_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(_adminConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {_databaseName}", connection);
                await create.ExecuteNonQueryAsync();
            }

            ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString)
            {
                Database = _databaseName,
                // Tests open many hosts in sequence; keep the pool small so the server is never exhausted.
                MaxPoolSize = 30,
            }.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static readonly List<string> ExtraDatabases = [];

    /// <summary>A further empty database on the run's server (no migrations applied), dropped at the end of the run.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
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
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, MaxPoolSize = 10 }.ConnectionString;
    }

    public static async Task StopAsync()
    {
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

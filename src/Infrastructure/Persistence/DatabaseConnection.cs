using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StateHub.Infrastructure.Persistence.Embedded;

namespace StateHub.Infrastructure.Persistence;

/// <summary>
/// The connection string of the hub's database: <c>ConnectionStrings:StateHub</c> when set,
/// else the embedded cluster, provisioned on first use.
/// </summary>
public sealed class DatabaseConnection(IConfiguration configuration, IOptions<EmbeddedPostgresOptions> embeddedOptions, ILoggerFactory loggerFactory)
    : IAsyncDisposable
{
    public const string ConnectionStringName = "StateHub";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private EmbeddedPostgresCluster? _cluster;
    private string? _connectionString;

    public bool IsEmbedded => string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName));

    public string ConnectionString => _connectionString ?? GetConnectionStringAsync(CancellationToken.None).GetAwaiter().GetResult();

    public async Task<string> GetConnectionStringAsync(CancellationToken cancellationToken)
    {
        if (_connectionString is not null)
            return _connectionString;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connectionString is not null)
                return _connectionString;
            var configured = configuration.GetConnectionString(ConnectionStringName);
            if (!string.IsNullOrWhiteSpace(configured))
                return _connectionString = WithPerformanceDefaults(configured);

            _cluster = await EmbeddedPostgresCluster.StartAsync(
                embeddedOptions.Value, loggerFactory.CreateLogger<EmbeddedPostgresCluster>(), cancellationToken);
            return _connectionString = WithPerformanceDefaults(_cluster.ConnectionString);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The connection string with the hub's defaults for what the operator did not set:
    /// <c>Max Auto Prepare=64</c> (the hot statements are prepared once per physical connection
    /// and then only bound and executed) and <c>No Reset On Close=true</c> (a connection going back
    /// to the pool is not sent <c>DISCARD ALL</c>, which would also drop the prepared statements;
    /// the hub sets no session state that a reset would have to undo). See bench/README.md.
    /// </summary>
    public static string WithPerformanceDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
            builder.MaxAutoPrepare = 64;
        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose"))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    // Parsed as a connection string (quoted values may hold ';' or '='), keys compared ignoring case.
    private static bool Mentions(string connectionString, params string[] keys)
    {
        var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.Any(parsed.ContainsKey);
    }

    public async Task StopEmbeddedAsync()
    {
        if (_cluster is not null && embeddedOptions.Value.StopOnShutdown)
            await _cluster.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopEmbeddedAsync();
        _gate.Dispose();
    }
}

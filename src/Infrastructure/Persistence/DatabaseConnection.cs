using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
                return _connectionString = configured;

            _cluster = await EmbeddedPostgresCluster.StartAsync(
                embeddedOptions.Value, loggerFactory.CreateLogger<EmbeddedPostgresCluster>(), cancellationToken);
            return _connectionString = _cluster.ConnectionString;
        }
        finally
        {
            _gate.Release();
        }
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

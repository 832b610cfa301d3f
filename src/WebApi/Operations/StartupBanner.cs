using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace StateHub.WebApi.Operations;

/// <summary>Once the server listens, says in one line where the API, Swagger console, dashboard and MCP endpoint are.</summary>
public sealed class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce()
    {
        var metricsPort = configuration.GetValue<int?>("Metrics:Port");
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(Browsable)
            .Where(a => metricsPort is null || !a.EndsWith($":{metricsPort}", StringComparison.Ordinal))
            .ToList() ?? [];
        if (addresses.Count == 0)
            return;
        var root = addresses[0];
        var parts = new List<string> { $"API {string.Join(", ", addresses.Select(a => a + "/"))}" };
        if (configuration.GetValue("OpenApi:Enabled", true))
            parts.Add($"Swagger console {root}/swagger");
        parts.Add($"dashboard {root}/dashboard");
        if (configuration.GetValue("Mcp:Enabled", true))
            parts.Add($"MCP {root}/mcp");
        if (configuration.GetValue("Metrics:Enabled", true))
            parts.Add($"metrics {(metricsPort is { } port ? $"http://{Browsable(configuration["Metrics:Host"] ?? "127.0.0.1")}:{port}" : root)}/metrics");
        logger.LogInformation("State Hub is ready: {Endpoints}", string.Join("; ", parts));
    }

    /// <summary>A wildcard listen address (0.0.0.0, [::], +, *) as a URL a person can open.</summary>
    private static string Browsable(string address) => address
        .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
        .Replace("://[::]", "://localhost", StringComparison.Ordinal)
        .Replace("://+", "://localhost", StringComparison.Ordinal)
        .Replace("://*", "://localhost", StringComparison.Ordinal)
        .TrimEnd('/');
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StateHub.Infrastructure.Persistence;

/// <summary>
/// At start: provisions the embedded cluster when no connection string is set, then applies
/// migrations unless <c>Database:ApplyMigrations=false</c>. At stop: stops the embedded cluster.
/// </summary>
internal sealed class DatabaseStartup(
    DatabaseConnection connection,
    IServiceScopeFactory scopeFactory,
    IConfiguration configuration,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await connection.GetConnectionStringAsync(cancellationToken);
        if (!configuration.GetValue("Database:ApplyMigrations", true))
            return;

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StateHubDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => connection.StopEmbeddedAsync();
}

using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StateHub.Application.Common.Exceptions;
using StateHub.Infrastructure.Persistence.Embedded;

namespace StateHub.Infrastructure.Persistence;

/// <summary>
/// At start: provisions the embedded cluster when no connection string is set; then, unless
/// <c>Database:ApplyMigrations=false</c>, waits for the database within its retry budget
/// (<c>Database:StartupTimeoutSeconds</c>) and applies migrations under a PostgreSQL advisory
/// lock, so that nodes starting together migrate one at a time. Failures that an operator must fix become
/// a <see cref="StartupFailureException"/> with one line saying what to change. The embedded
/// cluster stops only once the host has stopped everything else (in-flight requests, workers).
/// </summary>
internal sealed class DatabaseStartup(
    DatabaseConnection connection,
    IServiceScopeFactory scopeFactory,
    IConfiguration configuration,
    IOptions<EmbeddedPostgresOptions> embeddedOptions,
    ILogger<DatabaseStartup> logger) : IHostedLifecycleService
{
    /// <summary>The advisory lock key held while migrating: "StateHub" in ASCII, so that it collides with nothing else.</summary>
    public const long MigrationLockKey = 0x5374617465487562;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = await ProvisionAsync(cancellationToken);
        // A node that does not migrate may start before its database answers: readiness says 503 until it does.
        if (!configuration.GetValue("Database:ApplyMigrations", true))
            return;
        await WaitForDatabaseAsync(connectionString, cancellationToken);
        await MigrateAsync(connectionString, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after every hosted service, the web server included, has stopped: the database goes last.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken) => connection.StopEmbeddedAsync();

    private async Task<string> ProvisionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await connection.GetConnectionStringAsync(cancellationToken);
        }
        catch (EmbeddedDatabaseUnavailableException ex)
        {
            throw new StartupFailureException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && connection.IsEmbedded)
        {
            var folder = embeddedOptions.Value.DataDirectory ?? "the default folder";
            throw new StartupFailureException(
                $"The embedded database folder ({folder}) is unusable: {ex.Message} " +
                "Set EmbeddedDatabase__DataDirectory to a folder this user can create and write, or ConnectionStrings__StateHub to an existing server.", ex);
        }
    }

    private async Task WaitForDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var budget = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Database:StartupTimeoutSeconds", 60)));
        var deadline = DateTimeOffset.UtcNow + budget;
        var delay = TimeSpan.FromMilliseconds(250);
        var waitingLogged = false;
        while (true)
        {
            try
            {
                await using var probe = new NpgsqlConnection(connectionString);
                await probe.OpenAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (Unreachable(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (DateTimeOffset.UtcNow + delay > deadline)
                {
                    throw new StartupFailureException(
                        $"The database at {Describe(connectionString)} is unreachable after {budget.TotalSeconds:0} s: {ex.Message} " +
                        "Start it or fix ConnectionStrings__StateHub; Database__StartupTimeoutSeconds sets how long to wait.", ex);
                }

                if (!waitingLogged)
                {
                    logger.LogInformation("Waiting up to {Seconds} s for the database at {Database}: {Reason}", budget.TotalSeconds, Describe(connectionString), ex.Message);
                    waitingLogged = true;
                }

                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
            catch (PostgresException ex)
            {
                throw new StartupFailureException(
                    $"The database at {Describe(connectionString)} refused the connection: {ex.MessageText} ({ex.SqlState}). Fix ConnectionStrings__StateHub.", ex);
            }
        }
    }

    private static bool Unreachable(Exception ex) => ex switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState is PostgresErrorCodes.CannotConnectNow,
        NpgsqlException or SocketException or TimeoutException => true,
        _ => false,
    };

    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>
    /// Holds a session-level advisory lock on a connection of its own while EF Core checks and
    /// applies migrations; a second node blocks here, then finds nothing pending. The history table
    /// is created first, so that checking for pending migrations never runs a failing command.
    /// </summary>
    private async Task MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            acquire.Parameters.AddWithValue("key", MigrationLockKey);
            acquire.CommandTimeout = 0;
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StateHubDbContext>();
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", MigrationLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}

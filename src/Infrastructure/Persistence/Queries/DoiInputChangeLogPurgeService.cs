using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace StateHub.Infrastructure.Persistence.Queries;

/// <summary>
/// Deletes the DoI input change log's rows older than <see cref="DoiInputChangeLog.RetainFor"/>
/// every few minutes, in batches whose rows are leased with FOR UPDATE SKIP LOCKED, so any number
/// of nodes can run it at once without waiting or double work.
/// </summary>
public sealed class DoiInputChangeLogPurgeService(DatabaseConnection database, TimeProvider clock, ILogger<DoiInputChangeLogPurgeService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    public const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                while (await PurgeAsync(database, BatchSize, stoppingToken) == BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Purging the DoI input change log failed; retrying in {Interval}: {Message}", Interval, ex.Message);
            }
        }
    }

    /// <summary>Deletes up to <paramref name="batchSize"/> rows older than <see cref="DoiInputChangeLog.RetainFor"/> (by the database's clock); returns how many.</summary>
    public static async Task<int> PurgeAsync(DatabaseConnection database, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await database.GetConnectionStringAsync(cancellationToken));
        await connection.OpenAsync(cancellationToken);
        await using var delete = new NpgsqlCommand(
            "DELETE FROM doi_input_changes WHERE xid IN (SELECT xid FROM doi_input_changes WHERE changed_at < clock_timestamp() - @retain " +
            "ORDER BY changed_at LIMIT @batch FOR UPDATE SKIP LOCKED)", connection);
        delete.Parameters.AddWithValue("retain", DoiInputChangeLog.RetainFor);
        delete.Parameters.AddWithValue("batch", batchSize);
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}

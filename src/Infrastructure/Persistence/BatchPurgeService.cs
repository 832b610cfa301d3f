using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StateHub.Infrastructure.Persistence;

/// <summary>
/// Deletes rows that are no longer needed every few minutes, batch after batch until a batch comes
/// back short. Each batch leases its rows with FOR UPDATE SKIP LOCKED, so any number of nodes can
/// run the same purge at once without waiting or double work. A failed round is logged once and
/// retried at the next interval.
/// </summary>
public abstract class BatchPurgeService(TimeProvider clock, ILogger logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    public const int BatchSize = 1000;

    protected TimeProvider Clock => clock;

    /// <summary>What is purged, for the log line of a failed round (e.g. "expired idempotency keys").</summary>
    protected abstract string Subject { get; }

    /// <summary>Deletes up to <paramref name="batchSize"/> rows; returns how many.</summary>
    protected abstract Task<int> PurgeBatchAsync(int batchSize, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                while (await PurgeBatchAsync(BatchSize, stoppingToken) == BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Purging {Subject} failed; retrying in {Interval}: {Message}", Subject, Interval, ex.Message);
            }
        }
    }
}

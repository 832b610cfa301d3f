using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StateHub.Application.Common.Abstractions;

namespace StateHub.Infrastructure.Persistence.Idempotency;

/// <summary>
/// Deletes expired Idempotency-Keys every few minutes, in batches whose rows are leased with
/// FOR UPDATE SKIP LOCKED, so any number of nodes can run it at once without waiting or double work.
/// </summary>
internal sealed class IdempotencyPurgeService(IIdempotencyStore store, TimeProvider clock, ILogger<IdempotencyPurgeService> logger) : BackgroundService
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
                while (await store.PurgeExpiredAsync(clock.GetUtcNow(), BatchSize, stoppingToken) == BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Purging expired idempotency keys failed; retrying in {Interval}: {Message}", Interval, ex.Message);
            }
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StateHub.Application.Common.Telemetry;
using StateHub.Application.Webhooks;

namespace StateHub.Infrastructure.Webhooks;

/// <summary>
/// Runs on every node: delivers due webhook attempts in leased batches, and otherwise waits for a
/// local commit that queued some or for the poll interval. Nothing is held in memory that a crash
/// could lose: an attempt a dead node had leased is taken again when its lease expires.
/// </summary>
internal sealed class WebhookDeliveryWorker(
    WebhookDispatcher dispatcher,
    WebhookWakeUp wakeUp,
    IOptionsMonitor<WebhookOptions> options,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private static readonly TimeSpan DepthRefresh = TimeSpan.FromSeconds(5);
    private long _outboxDepth;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.WorkerEnabled)
            return;
        await Task.Yield();
        // The gauge reads the depth this worker last counted (at most every DepthRefresh), never the database.
        using var depthGauge = StateHubMetrics.RegisterOutboxDepth(() => Interlocked.Read(ref _outboxDepth));
        var depthCountedAt = DateTimeOffset.MinValue;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await dispatcher.RunOnceAsync(stoppingToken);
                if (handled == 0)
                    await dispatcher.DisableFailingAsync(stoppingToken);
                if (TimeProvider.System.GetUtcNow() - depthCountedAt >= DepthRefresh)
                {
                    Interlocked.Exchange(ref _outboxDepth, await dispatcher.CountPendingAsync(stoppingToken));
                    depthCountedAt = TimeProvider.System.GetUtcNow();
                }
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                // The database may be restarting; back off and try again, without a stack per poll.
                failures++;
                if (failures is 1 or 10 or 100)
                    logger.LogWarning("Webhook delivery worker: {Message}; retrying", ex.Message);
                handled = 0;
            }

            if (handled > 0)
                continue;
            try
            {
                await wakeUp.WaitAsync(options.CurrentValue.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

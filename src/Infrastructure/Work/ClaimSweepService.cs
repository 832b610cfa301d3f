using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StateHub.Application.Tasks.Commands.SweepExpiredClaims;

namespace StateHub.Infrastructure.Work;

/// <summary>Settings of claim work (section <c>Work</c>).</summary>
public sealed class WorkOptions
{
    public const string SectionName = "Work";

    /// <summary>How often each node sweeps lapsed claims back to todo, in seconds (default 15).</summary>
    public double ClaimSweepSeconds { get; set; } = 15;
}

/// <summary>
/// Runs on every node: every <see cref="WorkOptions.ClaimSweepSeconds"/> it returns tasks whose
/// claim lapsed to todo. Nodes share the work row by row (<c>FOR UPDATE SKIP LOCKED</c>), so an
/// expiry is handled once however many nodes sweep; a node that dies loses nothing but time.
/// </summary>
internal sealed class ClaimSweepService(IServiceScopeFactory scopeFactory, IOptions<WorkOptions> options, ILogger<ClaimSweepService> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(options.Value.ClaimSweepSeconds, 0.05, 3600));
        while (!stoppingToken.IsCancellationRequested)
        {
            // Real time, not the app's TimeProvider: the interval paces the loop, the clock judges expiry.
            try
            {
                await Task.Delay(interval, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be starting or briefly away; the next round tries again.
                logger.LogWarning(ex, "Claim sweep failed; retrying in {Interval}", interval);
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        int swept;
        do
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            swept = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SweepExpiredClaimsCommand(BatchSize), cancellationToken);
            if (swept > 0)
                logger.LogInformation("Returned {Count} task(s) with lapsed claims to todo", swept);
        }
        while (swept == BatchSize && !cancellationToken.IsCancellationRequested);
    }
}

using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Telemetry;

namespace StateHub.Application.Tasks.Commands.SweepExpiredClaims;

/// <summary>
/// Returns in_progress tasks whose claim lapsed to todo (one batch). Each task raises
/// <see cref="Domain.Work.TaskClaimExpired"/>, whose handler logs the <c>task_claim_expired</c>
/// progress event and writes the inbox message, all in the command's transaction. Rows another
/// node is sweeping are skipped, so each expiry is reported exactly once whatever the number of
/// nodes. Returns how many it swept.
/// </summary>
public sealed record SweepExpiredClaimsCommand(int BatchSize = 100) : ICommand<int>, IPeriodicRequest;

internal sealed class SweepExpiredClaimsCommandHandler(ITaskClaimStore claims, TimeProvider clock)
    : ICommandHandler<SweepExpiredClaimsCommand, int>
{
    public async Task<Func<int>> Handle(SweepExpiredClaimsCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lapsed = await claims.LockLapsedClaimsAsync(now, request.BatchSize, cancellationToken);
        var swept = lapsed.Count(task => task.ExpireClaim(now));
        return () =>
        {
            // Counted once written.
            StateHubMetrics.ClaimExpired(swept);
            return swept;
        };
    }
}

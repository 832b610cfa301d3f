using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StateHub.Infrastructure.Persistence;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// Ready only when the database answers, within <see cref="Budget"/>: a load balancer's check must
/// hear "not ready" quickly from a node whose database hangs, not after a connection timeout.
/// </summary>
public sealed class DatabaseHealthCheck(StateHubDbContext db) : IHealthCheck
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            return await db.Database.CanConnectAsync(budget.Token)
                ? HealthCheckResult.Healthy("The database answers.")
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The database did not answer within {Budget.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database is unreachable: " + ex.Message);
        }
    }
}

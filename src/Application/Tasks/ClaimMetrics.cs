using StateHub.Application.Common.Telemetry;
using StateHub.Domain.Common;

namespace StateHub.Application.Tasks;

/// <summary>Records claims granted (once the claim is saved) and refused (with the task's reason).</summary>
internal static class ClaimMetrics
{
    public static void Refusing(Action claim)
    {
        try
        {
            claim();
        }
        catch (ClaimConflictException ex)
        {
            StateHubMetrics.ClaimRefused(ex.Reason);
            throw;
        }
    }

    /// <summary>Wraps the answer of a claim: it runs only after the pipeline saved, so a claim is counted once it is written.</summary>
    public static Func<T> Granting<T>(Func<T> respond) => () =>
    {
        StateHubMetrics.ClaimGranted();
        return respond();
    };
}

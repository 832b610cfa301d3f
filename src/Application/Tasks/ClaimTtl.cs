using FluentValidation;
using StateHub.Domain.Work;

namespace StateHub.Application.Tasks;

/// <summary>The <c>ttl_seconds</c> of claims: 5–86400, default 900.</summary>
public static class ClaimTtl
{
    public static TimeSpan Of(int? ttlSeconds) => TimeSpan.FromSeconds(ttlSeconds ?? WorkTask.DefaultClaimTtlSeconds);

    public static IRuleBuilderOptions<T, int?> ValidClaimTtl<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween((int)WorkTask.MinClaimTtl.TotalSeconds, (int)WorkTask.MaxClaimTtl.TotalSeconds);
}

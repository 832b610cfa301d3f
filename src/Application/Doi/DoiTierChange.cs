using StateHub.Domain.Doi;

namespace StateHub.Application.Doi;

/// <summary>
/// A repo's DoI tier moved between two evaluations: what <c>doi.tier_changed</c> announces.
/// <see cref="Detect"/> holds the rules:
/// <list type="bullet">
/// <item>A repo's first evaluation sets its baseline and announces nothing: there is no earlier
/// tier to have changed from (<c>repo.registered</c> already announced the repo).</item>
/// <item>Evaluations of the same depth (two full reports, or two fleet-summary ones) announce a
/// change whenever their tiers differ.</item>
/// <item>A fleet-summary evaluation skips C7 and C13, so on the same inputs it can rank a repo
/// above a full report. Between evaluations of different depths the tiers are compared with C7
/// and C13 left out of both; a change is announced only when those comparable tiers differ too,
/// so alternating the summary and the full report never makes an event out of the depth alone.</item>
/// </list>
/// </summary>
public sealed record DoiTierChange(DoiTier Previous, DoiTier Current)
{
    public static DoiTierChange? Detect(DoiCacheEntry? previous, DoiCacheEntry current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (previous is null || previous.Tier == current.Tier)
            return null;
        if (previous.FullEvaluation != current.FullEvaluation
            && ComparableTier(previous) is { } before
            && ComparableTier(current) is { } after
            && before == after)
        {
            return null;
        }

        return new DoiTierChange(previous.Tier, current.Tier);
    }

    /// <summary>The entry's tier with the criteria the fleet summary skips counted as skipped; null when its criteria cannot be read.</summary>
    private static DoiTier? ComparableTier(DoiCacheEntry entry)
    {
        var criteria = DoiJson.DeserializeCriteria(entry.Criteria);
        if (criteria is not { Count: > 0 })
            return null;
        var skipped = DoiCriteria.SkippedInSummary.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return DoiTierRules.Decide(criteria.Select(c =>
        {
            var verdict = c.ToVerdict();
            return skipped.Contains(verdict.Id) ? verdict with { Status = CriterionStatus.Skip } : verdict;
        })).Tier;
    }
}

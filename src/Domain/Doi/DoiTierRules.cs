namespace StateHub.Domain.Doi;

/// <summary>One criterion's verdict, as the tier rules see it.</summary>
public readonly record struct CriterionVerdict(string Id, DoiTier Tier, CriterionStatus Status);

/// <summary>What the verdicts add up to.</summary>
public sealed record DoiTierOutcome(
    DoiTier Tier,
    bool CorePass,
    bool StandardPass,
    bool FullPass,
    DoiTier? NextTier,
    IReadOnlyList<string> NextTierBlockers);

/// <summary>
/// The DoI tier rules: a tier passes when none of its criteria fails (a skip never fails);
/// the repo is <c>full</c> when core, standard and full pass, <c>standard</c> when core and
/// standard pass, <c>core</c> when core passes, else <c>none</c>.
/// </summary>
public static class DoiTierRules
{
    public static DoiTierOutcome Decide(IEnumerable<CriterionVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var list = verdicts.ToList();
        if (list.Any(v => v.Tier == DoiTier.None))
            throw new ArgumentException("A criterion belongs to the core, standard or full tier.", nameof(verdicts));

        bool Passes(DoiTier tier) => list.All(v => v.Tier != tier || v.Status != CriterionStatus.Fail);

        var core = Passes(DoiTier.Core);
        var standard = Passes(DoiTier.Standard);
        var full = Passes(DoiTier.Full);
        var tier = !core ? DoiTier.None
            : !standard ? DoiTier.Core
            : !full ? DoiTier.Standard
            : DoiTier.Full;
        DoiTier? next = tier == DoiTier.Full ? null : tier + 1;
        var blockers = next is null
            ? []
            : list.Where(v => v.Tier == next && v.Status == CriterionStatus.Fail).Select(v => v.Id).ToList();
        return new DoiTierOutcome(tier, core, standard, full, next, blockers);
    }
}

using StateHub.Domain.Doi;

namespace StateHub.Domain.UnitTests.Doi;

public sealed class DoiTierRulesTests
{
    private static CriterionVerdict V(string id, DoiTier tier, CriterionStatus status) => new(id, tier, status);

    private static List<CriterionVerdict> AllPass() =>
    [
        V("C1", DoiTier.Core, CriterionStatus.Pass),
        V("C6", DoiTier.Standard, CriterionStatus.Pass),
        V("C7", DoiTier.Standard, CriterionStatus.Pass),
        V("C11", DoiTier.Full, CriterionStatus.Pass),
        V("C13", DoiTier.Full, CriterionStatus.Pass),
    ];

    [Test]
    public void Decide_EverythingPasses_IsFullWithNoBlockers()
    {
        var outcome = DoiTierRules.Decide(AllPass());

        Assert.That(outcome.Tier, Is.EqualTo(DoiTier.Full));
        Assert.That(outcome.CorePass && outcome.StandardPass && outcome.FullPass, Is.True);
        Assert.That(outcome.NextTier, Is.Null);
        Assert.That(outcome.NextTierBlockers, Is.Empty);
    }

    [Test]
    public void Decide_SkipsNeverFail_IsFull()
    {
        var verdicts = AllPass();
        verdicts[2] = V("C7", DoiTier.Standard, CriterionStatus.Skip);
        verdicts[4] = V("C13", DoiTier.Full, CriterionStatus.Skip);

        Assert.That(DoiTierRules.Decide(verdicts).Tier, Is.EqualTo(DoiTier.Full));
    }

    [Test]
    public void Decide_FullCriterionFails_IsStandardBlockedByIt()
    {
        var verdicts = AllPass();
        verdicts[4] = V("C13", DoiTier.Full, CriterionStatus.Fail);

        var outcome = DoiTierRules.Decide(verdicts);

        Assert.That(outcome.Tier, Is.EqualTo(DoiTier.Standard));
        Assert.That(outcome.FullPass, Is.False);
        Assert.That(outcome.NextTier, Is.EqualTo(DoiTier.Full));
        Assert.That(outcome.NextTierBlockers, Is.EqualTo(new[] { "C13" }));
    }

    [Test]
    public void Decide_StandardCriterionFails_IsCoreBlockedOnlyByStandardFailures()
    {
        var verdicts = AllPass();
        verdicts[1] = V("C6", DoiTier.Standard, CriterionStatus.Fail);
        verdicts[3] = V("C11", DoiTier.Full, CriterionStatus.Fail);

        var outcome = DoiTierRules.Decide(verdicts);

        Assert.That(outcome.Tier, Is.EqualTo(DoiTier.Core));
        Assert.That(outcome.StandardPass, Is.False);
        Assert.That(outcome.FullPass, Is.False);
        Assert.That(outcome.NextTierBlockers, Is.EqualTo(new[] { "C6" }));
    }

    [Test]
    public void Decide_CoreFailsWhileHigherTiersPass_IsNoneBecauseTiersAreCumulative()
    {
        var verdicts = AllPass();
        verdicts[0] = V("C1", DoiTier.Core, CriterionStatus.Fail);

        var outcome = DoiTierRules.Decide(verdicts);

        Assert.That(outcome.Tier, Is.EqualTo(DoiTier.None));
        Assert.That(outcome.StandardPass, Is.True, "standard_pass reports the standard criteria alone");
        Assert.That(outcome.FullPass, Is.True);
        Assert.That(outcome.NextTier, Is.EqualTo(DoiTier.Core));
        Assert.That(outcome.NextTierBlockers, Is.EqualTo(new[] { "C1" }));
    }

    [Test]
    public void Decide_CriterionWithoutTier_IsRefused()
    {
        Assert.That(() => DoiTierRules.Decide([V("C1", DoiTier.None, CriterionStatus.Pass)]), Throws.ArgumentException);
    }
}

public sealed class DoiCacheEntryTests
{
    private static DoiCacheEntry Entry(bool full) =>
        DoiCacheEntry.Create(Guid.NewGuid(), DoiTier.Core, true, false, false, "[]", "abc", DateTimeOffset.UnixEpoch, full);

    [Test]
    public void Serves_SameFingerprint_AnswersForSummaryAlways_AndForFullReportOnlyWhenFull()
    {
        Assert.That(Entry(full: true).Serves("abc", requireFullEvaluation: true), Is.True);
        Assert.That(Entry(full: false).Serves("abc", requireFullEvaluation: true), Is.False);
        Assert.That(Entry(full: false).Serves("abc", requireFullEvaluation: false), Is.True);
    }

    [Test]
    public void Serves_OtherFingerprint_NeverAnswers()
    {
        Assert.That(Entry(full: true).Serves("abd", requireFullEvaluation: false), Is.False);
    }
}

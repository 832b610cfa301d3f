using StateHub.Application.Doi;
using StateHub.Domain.Doi;

namespace StateHub.Application.UnitTests.Doi;

public sealed class DoiTierChangeTests
{
    [Test]
    public void Detect_FirstEvaluation_AnnouncesNothing()
    {
        Assert.That(DoiTierChange.Detect(null, Entry(full: true, failing: ["C4"])), Is.Null);
    }

    [Test]
    public void Detect_SameTier_AnnouncesNothing()
    {
        Assert.That(DoiTierChange.Detect(Entry(full: true, failing: ["C6"]), Entry(full: true, failing: ["C8"])), Is.Null);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Detect_SameDepthDifferentTier_AnnouncesFromPreviousToCurrent(bool full)
    {
        var change = DoiTierChange.Detect(Entry(full, failing: ["C6"]), Entry(full, failing: ["C1"]));

        Assert.That(change, Is.EqualTo(new DoiTierChange(DoiTier.Core, DoiTier.None)));
    }

    [Test]
    public void Detect_FullReportThenSummaryDifferingOnlyByTheSkippedCriteria_AnnouncesNothing()
    {
        // C7 fails in the full report (core); the summary skips it (standard): the inputs did not change.
        var full = Entry(full: true, failing: ["C7", "C12"]);
        var summary = Entry(full: false, failing: ["C12"]);

        Assert.That(full.Tier, Is.EqualTo(DoiTier.Core));
        Assert.That(summary.Tier, Is.EqualTo(DoiTier.Standard));
        Assert.That(DoiTierChange.Detect(full, summary), Is.Null);
        Assert.That(DoiTierChange.Detect(summary, full), Is.Null);
    }

    [Test]
    public void Detect_SummaryThenFullReportWithARealChange_Announces()
    {
        var summary = Entry(full: false, failing: ["C12"]);
        var full = Entry(full: true, failing: ["C1", "C7"]);

        Assert.That(DoiTierChange.Detect(summary, full), Is.EqualTo(new DoiTierChange(DoiTier.Standard, DoiTier.None)));
    }

    private static DoiCacheEntry Entry(bool full, string[] failing)
    {
        var criteria = DoiCriteria.All.Select(d => new DoiCriterionResult(
            d.Id, d.Label, d.Tier,
            failing.Contains(d.Id) ? CriterionStatus.Fail
                : !full && DoiCriteria.SkippedInSummary.Contains(d) ? CriterionStatus.Skip
                : CriterionStatus.Pass,
            "detail")).ToList();
        var outcome = DoiTierRules.Decide(criteria.Select(c => c.Verdict));
        return DoiCacheEntry.Create(Guid.NewGuid(), outcome.Tier, outcome.CorePass, outcome.StandardPass, outcome.FullPass,
            DoiJson.SerializeCriteria(criteria), "fp", DateTimeOffset.UnixEpoch, full);
    }
}

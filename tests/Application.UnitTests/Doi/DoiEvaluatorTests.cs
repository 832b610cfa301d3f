using StateHub.Application.Common.Abstractions;
using StateHub.Application.Doi;
using StateHub.Domain.Doi;
using StateHub.Domain.Domains;

namespace StateHub.Application.UnitTests.Doi;

public sealed class DoiEvaluatorTests
{
    private static DoiEvaluation Evaluate(DoiSnapshot snapshot, DoiDerivedFacts? derived = null) =>
        DoiEvaluator.Evaluate(snapshot, derived ?? DoiSnapshots.Derived());

    private static DoiCriterionResult C(DoiEvaluation evaluation, string id) => evaluation.Criteria.Single(c => c.Id == id);

    private static DoiSnapshot Without(string path) =>
        DoiSnapshots.Full() with { Disk = DoiSnapshots.Full().Disk! with { Files = DoiSnapshots.Full().Disk!.Files.Where(f => f.Path != path).ToList() } };

    [Test]
    public void Evaluate_EverythingInPlace_IsFullWith14PassesInOrder()
    {
        var evaluation = Evaluate(DoiSnapshots.Full());

        Assert.That(evaluation.Criteria.Select(c => c.Id), Is.EqualTo(Enumerable.Range(1, 14).Select(i => "C" + i)));
        Assert.That(evaluation.Criteria.Where(c => c.Status != CriterionStatus.Pass).Select(c => $"{c.Id}: {c.Detail}"), Is.Empty);
        Assert.That(evaluation.Outcome.Tier, Is.EqualTo(DoiTier.Full));
        Assert.That(evaluation.Criteria.Select(c => c.Tier), Is.EqualTo(DoiCriteria.All.Select(d => d.Tier)));
    }

    [TestCase(DomainStatus.Paused)]
    [TestCase(DomainStatus.Archived)]
    public void Evaluate_DomainNotActive_FailsC1WithHowToReactivate(DomainStatus status)
    {
        var snapshot = DoiSnapshots.Full() with { Repo = DoiSnapshots.Full().Repo with { DomainStatus = status } };

        var c1 = C(Evaluate(snapshot), "C1");

        Assert.That(c1.Status, Is.EqualTo(CriterionStatus.Fail));
        Assert.That(c1.Detail, Does.Contain("PATCH /domains/platform"));
        Assert.That(Evaluate(snapshot).Outcome.Tier, Is.EqualTo(DoiTier.None));
    }

    [Test]
    public void Evaluate_NoRemoteOrFingerprint_FailsC2C3AndC11()
    {
        var snapshot = DoiSnapshots.Full() with { Repo = DoiSnapshots.Full().Repo with { RemoteUrl = " ", GitFingerprint = null } };

        var evaluation = Evaluate(snapshot);

        Assert.That(C(evaluation, "C2").Detail, Does.Contain("remote_url"));
        Assert.That(C(evaluation, "C3").Detail, Does.Contain("git rev-list --max-parents=0 HEAD"));
        Assert.That(new[] { "C2", "C3", "C11" }.Select(id => C(evaluation, id).Status), Is.All.EqualTo(CriterionStatus.Fail));
    }

    [Test]
    public void Evaluate_NoDiskFacts_DiskCriteriaFailWithHowToFix()
    {
        var snapshot = DoiSnapshots.Full() with { Disk = null, Report = null };

        var evaluation = Evaluate(snapshot, DoiSnapshots.Derived() with { RootCommits = null, Workplans = null });

        foreach (var id in new[] { "C4", "C5", "C6", "C7", "C11", "C12", "C13" })
        {
            Assert.That(C(evaluation, id).Status, Is.EqualTo(CriterionStatus.Fail), id);
            Assert.That(C(evaluation, id).Detail, Does.Contain("POST /repos/walker/paths").And.Contain("PUT /repos/walker/facts").And.Contain("hub-1"), id);
        }

        Assert.That(C(evaluation, "C4").Detail, Does.Contain("/work/walker"), "the path that was tried");
    }

    [Test]
    public void Evaluate_FactsReportOnly_DiskCriteriaComeFromIt()
    {
        var snapshot = DoiSnapshots.Full() with
        {
            Disk = null,
            Report = DoiSnapshots.Full().Report! with { RootFiles = ["./CLAUDE.md", "README.md", "workplans/", ".github/workflows/ci.yml"] },
        };

        var evaluation = Evaluate(snapshot, DoiSnapshots.Derived() with { RootCommits = null });

        Assert.That(evaluation.Criteria.Where(c => c.Status != CriterionStatus.Pass).Select(c => $"{c.Id}: {c.Detail}"), Is.Empty);
        Assert.That(C(evaluation, "C4").Detail, Does.Contain("facts report"));
        Assert.That(C(evaluation, "C5").Detail, Does.Contain("CLAUDE.md").And.Contain("facts report"));
    }

    [Test]
    public void Evaluate_FactsReportWithoutRootCommit_FailsC11WithHowToFix()
    {
        var snapshot = DoiSnapshots.Full() with { Disk = null, Report = DoiSnapshots.Full().Report! with { RootCommit = null } };

        var c11 = C(Evaluate(snapshot), "C11");

        Assert.That(c11.Status, Is.EqualTo(CriterionStatus.Fail));
        Assert.That(c11.Detail, Does.Contain("root_commit").And.Contain("PUT /repos/walker/facts"));
    }

    [Test]
    public void Evaluate_NoAgentInstructionsReadmeOrCi_FailsC5C6C12()
    {
        var snapshot = DoiSnapshots.Full() with { Disk = DoiSnapshots.Full().Disk! with { Files = [] } };

        var evaluation = Evaluate(snapshot);

        Assert.That(C(evaluation, "C5").Detail, Does.Contain("AGENTS.md"));
        Assert.That(C(evaluation, "C6").Detail, Does.Contain("README.md"));
        Assert.That(C(evaluation, "C12").Detail, Does.Contain(".github/workflows/*.yml"));
        Assert.That(new[] { "C5", "C6", "C12" }.Select(id => C(evaluation, id).Status), Is.All.EqualTo(CriterionStatus.Fail));
        Assert.That(evaluation.Outcome.Tier, Is.EqualTo(DoiTier.None));
        Assert.That(evaluation.Outcome.NextTierBlockers, Is.EqualTo(new[] { "C5" }));
    }

    [TestCase(".gitlab-ci.yml")]
    [TestCase(".github/workflows/build.yaml")]
    [TestCase(".github/workflows/ci.yml")]
    public void Evaluate_AnyCiFile_PassesC12(string ciFile)
    {
        var snapshot = Without(".ci/run");
        snapshot = snapshot with { Disk = snapshot.Disk! with { Files = [.. snapshot.Disk.Files, new DoiFileStamp(ciFile, 1, DoiSnapshots.Now)] } };

        Assert.That(C(Evaluate(snapshot), "C12").Status, Is.EqualTo(CriterionStatus.Pass));
    }

    [Test]
    public void Evaluate_ReadmeRemoved_IsCoreBlockedByC6()
    {
        var evaluation = Evaluate(Without("README.md"));

        Assert.That(evaluation.Outcome.Tier, Is.EqualTo(DoiTier.Core));
        Assert.That(evaluation.Outcome.NextTierBlockers, Is.EqualTo(new[] { "C6" }));
    }

    [Test]
    public void Evaluate_WorkplanDisagreements_FailC7AndListThem()
    {
        var derived = DoiSnapshots.Derived() with { Workplans = new WorkplanConsistency(1, ["task WP-1/T01 is 'done' in workplans/WP-1.md but 'todo' in the hub"], []) };

        var c7 = C(Evaluate(DoiSnapshots.Full(), derived), "C7");

        Assert.That(c7.Status, Is.EqualTo(CriterionStatus.Fail));
        Assert.That(c7.Detail, Does.Contain("WP-1/T01").And.Contain("POST /repos/walker/sync"));
    }

    [Test]
    public void Evaluate_WorkplanDriftFromAFactsReport_SaysToPushTheFilesWithTheSync()
    {
        // The hub cannot read the directory, so a sync without the files in its body would be a 503.
        var snapshot = DoiSnapshots.Full() with { Disk = null };
        var derived = DoiSnapshots.Derived() with { Workplans = new WorkplanConsistency(1, ["task WP-1/T01 is 'done' in workplans/WP-1.md but 'todo' in the hub"], ["workstream WP-OLD ('active' in the hub): its workplan file is gone"]) };

        var evaluation = Evaluate(snapshot, derived);

        foreach (var id in new[] { "C7", "C13" })
        {
            Assert.That(C(evaluation, id).Status, Is.EqualTo(CriterionStatus.Fail), id);
            Assert.That(C(evaluation, id).Detail, Does.Contain("POST /repos/walker/sync").And.Contain("workplan files in the body"), id);
        }

        Assert.That(C(Evaluate(DoiSnapshots.Full(), derived), "C7").Detail, Does.Not.Contain("in the body"), "from the directory, a plain sync does it");
    }

    [Test]
    public void Evaluate_NoWorkplanFiles_SkipsC7()
    {
        var derived = DoiSnapshots.Derived() with { Workplans = new WorkplanConsistency(0, [], []) };

        Assert.That(C(Evaluate(DoiSnapshots.Full(), derived), "C7").Status, Is.EqualTo(CriterionStatus.Skip));
    }

    [Test]
    public void Evaluate_FleetSummary_SkipsC7AndC13()
    {
        var derived = DoiSnapshots.Derived() with { RunWorkplanCriteria = false, Workplans = null };

        var evaluation = Evaluate(DoiSnapshots.Full() with { Disk = null, Report = null }, derived);

        Assert.That(C(evaluation, "C7").Status, Is.EqualTo(CriterionStatus.Skip));
        Assert.That(C(evaluation, "C13").Status, Is.EqualTo(CriterionStatus.Skip));
        Assert.That(C(evaluation, "C13").Detail, Does.Contain("GET /repos/walker/doi"));
    }

    [Test]
    public void Evaluate_OrphansInHub_FailC13()
    {
        var derived = DoiSnapshots.Derived() with { Workplans = new WorkplanConsistency(1, [], ["workstream WP-OLD ('active' in the hub): its workplan file is gone"]) };

        var c13 = C(Evaluate(DoiSnapshots.Full(), derived), "C13");

        Assert.That(c13.Status, Is.EqualTo(CriterionStatus.Fail));
        Assert.That(c13.Detail, Does.Contain("WP-OLD").And.Contain("POST /repos/walker/sync"));
    }

    [TestCase(null, "never been synced")]
    [TestCase(7.0, "7 days ago")]
    [TestCase(30.0, "30 days ago")]
    public void Evaluate_SyncMissingOrSevenDaysOld_FailsC13(double? daysAgo, string expected)
    {
        var synced = daysAgo is null ? (DateTimeOffset?)null : DoiSnapshots.Now.AddDays(-daysAgo.Value);
        var snapshot = DoiSnapshots.Full() with { Repo = DoiSnapshots.Full().Repo with { LastStateSyncedAt = synced } };

        var c13 = C(Evaluate(snapshot), "C13");

        Assert.That(c13.Status, Is.EqualTo(CriterionStatus.Fail));
        Assert.That(c13.Detail, Does.Contain(expected));
    }

    [Test]
    public void Evaluate_SyncJustUnderSevenDays_PassesC13()
    {
        var snapshot = DoiSnapshots.Full() with { Repo = DoiSnapshots.Full().Repo with { LastStateSyncedAt = DoiSnapshots.Now.AddDays(-7).AddMinutes(1) } };

        Assert.That(C(Evaluate(snapshot), "C13").Status, Is.EqualTo(CriterionStatus.Pass));
    }

    [TestCase(null, CriterionStatus.Fail)]
    [TestCase(30.0, CriterionStatus.Pass)]
    [TestCase(30.001, CriterionStatus.Fail)]
    [TestCase(-0.003, CriterionStatus.Pass)]
    [TestCase(-0.004, CriterionStatus.Fail)]
    [TestCase(-1.0, CriterionStatus.Fail)]
    public void Evaluate_SbomAge_DecidesC8(double? daysAgo, CriterionStatus expected)
    {
        var at = daysAgo is null ? (DateTimeOffset?)null : DoiSnapshots.Now.AddDays(-daysAgo.Value);
        var snapshot = DoiSnapshots.Full() with { Repo = DoiSnapshots.Full().Repo with { LastSbomAt = at } };

        var c8 = C(Evaluate(snapshot), "C8");

        Assert.That(c8.Status, Is.EqualTo(expected), c8.Detail);
        if (expected == CriterionStatus.Fail)
            Assert.That(c8.Detail, Does.Contain("last_sbom_at"));
    }

    [Test]
    public void Evaluate_SbomTimeInTheFuture_FailsC8SayingSoAndHowToFix()
    {
        var snapshot = DoiSnapshots.Full() with { Repo = DoiSnapshots.Full().Repo with { LastSbomAt = DoiSnapshots.Now.AddDays(400) } };

        var c8 = C(Evaluate(snapshot), "C8");

        Assert.That(c8.Status, Is.EqualTo(CriterionStatus.Fail));
        Assert.That(c8.Detail, Does.Contain("2027-12-07T09:00:00Z, 400 days in the future")
            .And.Contain("PATCH /repos/walker {\"last_sbom_at\": \"<ISO-8601 time>\"}"));
    }

    [Test]
    public void Evaluate_NoTpscNoActiveGoal_FailsC9AndC10()
    {
        var snapshot = DoiSnapshots.Full() with { Hub = DoiSnapshots.Full().Hub with { TpscCount = 0, ActiveGoalCount = 0, GoalCount = 2 } };

        var evaluation = Evaluate(snapshot);

        Assert.That(C(evaluation, "C9").Detail, Does.Contain("POST /repos/walker/tpsc-snapshots"));
        Assert.That(C(evaluation, "C10").Detail, Does.Contain("None of the repo's 2 goals is active"));
        Assert.That(evaluation.Outcome.NextTierBlockers, Is.EqualTo(new[] { "C9", "C10" }));
    }

    [Test]
    public void Evaluate_RootCommitDiffers_FailsC11NamingTheActualRoot()
    {
        var derived = DoiSnapshots.Derived() with { RootCommits = new GitRootCommits(["9999999999999999999999999999999999999999"], null) };

        var c11 = C(Evaluate(DoiSnapshots.Full(), derived), "C11");

        Assert.That(c11.Status, Is.EqualTo(CriterionStatus.Fail));
        Assert.That(c11.Detail, Does.Contain("9999999999999999999999999999999999999999").And.Contain("PATCH /repos/walker"));
    }

    [Test]
    public void Evaluate_RecordedFingerprintIsOneOfSeveralRoots_PassesC11CaseInsensitively()
    {
        var snapshot = DoiSnapshots.Full() with { Repo = DoiSnapshots.Full().Repo with { GitFingerprint = "ABCDEF" + new string('0', 34) } };
        var derived = DoiSnapshots.Derived() with { RootCommits = new GitRootCommits([DoiSnapshots.Root, "abcdef" + new string('0', 34)], null) };

        Assert.That(C(Evaluate(snapshot, derived), "C11").Status, Is.EqualTo(CriterionStatus.Pass));
    }

    [Test]
    public void Evaluate_RootCommitUnreadable_FailsC11WithTheReason()
    {
        var derived = DoiSnapshots.Derived() with { RootCommits = GitRootCommits.Unknown("the clone is shallow (.git/shallow)") };

        var c11 = C(Evaluate(DoiSnapshots.Full(), derived), "C11");

        Assert.That(c11.Status, Is.EqualTo(CriterionStatus.Fail));
        Assert.That(c11.Detail, Does.Contain("shallow").And.Contain("PUT /repos/walker/facts"));
    }

    [TestCase(6.9, CriterionStatus.Pass)]
    [TestCase(7.01, CriterionStatus.Fail)]
    public void Evaluate_OldestUnreadInboxAge_DecidesC14(double daysAgo, CriterionStatus expected)
    {
        var snapshot = DoiSnapshots.Full() with { Hub = DoiSnapshots.Full().Hub with { OldestUnreadInboxAt = DoiSnapshots.Now.AddDays(-daysAgo), UnreadInboxCount = 3 } };

        var c14 = C(Evaluate(snapshot), "C14");

        Assert.That(c14.Status, Is.EqualTo(expected));
        Assert.That(c14.Detail, Does.Contain("3 unread inbox messages"));
    }

    [Test]
    public void Evaluate_SameInputs_SameResult()
    {
        var a = Evaluate(DoiSnapshots.Full());
        var b = Evaluate(DoiSnapshots.Full());

        Assert.That(a.Criteria, Is.EqualTo(b.Criteria));
    }
}

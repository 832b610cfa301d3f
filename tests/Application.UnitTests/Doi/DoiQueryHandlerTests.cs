using Microsoft.Extensions.Options;
using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Doi;
using StateHub.Application.Doi.Queries.GetDoiSummary;
using StateHub.Application.Doi.Queries.GetRepoDoi;
using StateHub.Application.Workplans;
using StateHub.Domain.Doi;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;
using StateHub.Domain.Work;

namespace StateHub.Application.UnitTests.Doi;

public sealed class DoiQueryHandlerTests
{
    private readonly Mock<IDoiInputsQuery> _inputs = new();
    private readonly Mock<IDoiCacheStore> _cache = new();
    private readonly Mock<IWebhookOutbox> _outbox = new();
    private readonly Mock<IRepoFileSystem> _fileSystem = new();
    private readonly Mock<IGitMetadataReader> _git = new();
    private readonly Mock<IWorkplanSourceReader> _workplanReader = new();
    private readonly Mock<IWorkplanConsistencyEngine> _engine = new();
    private readonly Mock<IHostIdentity> _host = new();
    private readonly Mock<TimeProvider> _time = new();
    private readonly List<IReadOnlyCollection<DoiCacheEntry>> _writes = [];

    public DoiQueryHandlerTests()
    {
        _host.Setup(h => h.HostName).Returns(DoiSnapshots.Host);
        _time.Setup(t => t.GetUtcNow()).Returns(DoiSnapshots.Now);
        _cache.Setup(c => c.UpsertAsync(It.IsAny<IReadOnlyCollection<DoiCacheEntry>>(), It.IsAny<Action<IReadOnlyList<DoiCacheWrite>>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyCollection<DoiCacheEntry>, Action<IReadOnlyList<DoiCacheWrite>>, CancellationToken>((entries, written, _) =>
            {
                _writes.Add(entries.ToList());
                written(entries.Select(e => new DoiCacheWrite(e, null)).ToList());
            })
            .Returns(Task.CompletedTask);
    }

    [Test]
    public void GetRepoDoi_UnknownRepo_ThrowsNotFound()
    {
        Assert.That(() => RepoHandler().Handle(new GetRepoDoiQuery("nope"), CancellationToken.None), Throws.TypeOf<NotFoundException>());
    }

    [Test]
    public async Task GetRepoDoi_CachedFullEvaluationWithSameFingerprint_ServedWithoutEvaluating()
    {
        var inputs = Inputs("walker");
        var fingerprint = DoiFingerprint.Compute(DoiSnapshot.Create(inputs, DoiSnapshots.Host, null, DoiSnapshots.Now));
        inputs = inputs with { Cached = CacheEntry(inputs, fingerprint, fullEvaluation: true) };
        _inputs.Setup(q => q.GetRepoAsync("walker", It.IsAny<CancellationToken>())).ReturnsAsync(inputs);

        var report = await RepoHandler().Handle(new GetRepoDoiQuery("walker"), CancellationToken.None);

        Assert.That(report.Cached, Is.True);
        Assert.That(report.CheckedAt, Is.EqualTo(DoiSnapshots.Now.AddDays(-1)));
        Assert.That(report.Fingerprint, Is.EqualTo(fingerprint));
        Assert.That(_writes, Is.Empty);
        _inputs.Verify(q => q.ListWorkstreamsAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task GetRepoDoi_ForceRefresh_EvaluatesAndStoresAFullEvaluation()
    {
        var inputs = Inputs("walker");
        var fingerprint = DoiFingerprint.Compute(DoiSnapshot.Create(inputs, DoiSnapshots.Host, null, DoiSnapshots.Now));
        _inputs.Setup(q => q.GetRepoAsync("walker", It.IsAny<CancellationToken>()))
            .ReturnsAsync(inputs with { Cached = CacheEntry(inputs, fingerprint, fullEvaluation: true) });

        var report = await RepoHandler().Handle(new GetRepoDoiQuery("walker", ForceRefresh: true), CancellationToken.None);

        Assert.That(report.Cached, Is.False);
        Assert.That(report.CheckedAt, Is.EqualTo(DoiSnapshots.Now));
        var entry = _writes.Single().Single();
        Assert.That(entry.FullEvaluation, Is.True);
        Assert.That(entry.Fingerprint, Is.EqualTo(fingerprint));
        Assert.That(entry.CheckedAt, Is.EqualTo(DoiSnapshots.Now));
    }

    [Test]
    public async Task GetRepoDoi_CachedSummaryEvaluation_IsNotServedAsAFullReport()
    {
        var inputs = Inputs("walker");
        var fingerprint = DoiFingerprint.Compute(DoiSnapshot.Create(inputs, DoiSnapshots.Host, null, DoiSnapshots.Now));
        _inputs.Setup(q => q.GetRepoAsync("walker", It.IsAny<CancellationToken>()))
            .ReturnsAsync(inputs with { Cached = CacheEntry(inputs, fingerprint, fullEvaluation: false) });

        var report = await RepoHandler().Handle(new GetRepoDoiQuery("walker"), CancellationToken.None);

        Assert.That(report.Cached, Is.False);
        Assert.That(report.Criteria.Single(c => c.Id == "C13").Status, Is.EqualTo(CriterionStatus.Fail), "no disk facts: the workplan criteria run and fail");
        Assert.That(_writes, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GetRepoDoi_FactsReport_ComparesItsWorkplanFilesWithTheHub()
    {
        var inputs = Inputs("walker") with
        {
            FactsReport = new DoiFactsReportState
            {
                RootFiles = ["AGENTS.md"],
                RootCommit = DoiSnapshots.Root,
                ReceivedAt = DoiSnapshots.Now,
                CollectedAt = DoiSnapshots.Now,
                WorkplanFilesJson = DoiJson.SerializeWorkplans([new WorkplanSource("workplans/a.md", "---\nid: A\n---\n")]),
            },
        };
        _inputs.Setup(q => q.GetRepoAsync("walker", It.IsAny<CancellationToken>())).ReturnsAsync(inputs);
        _inputs.Setup(q => q.ListWorkstreamsAsync(inputs.Repo.Id, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _engine.Setup(e => e.Compare(It.Is<WorkplanSourceSet>(s => s.Files.Single().Path == "workplans/a.md" && s.Unreadable.Count == 0), It.IsAny<IReadOnlyList<Workstream>>()))
            .Returns([new DriftItem { Kind = DriftKind.MissingInHub, WorkstreamKey = "A", Path = "workplans/a.md", FileValue = "active" }]);

        var report = await RepoHandler().Handle(new GetRepoDoiQuery("walker"), CancellationToken.None);

        var c7 = report.Criteria.Single(c => c.Id == "C7");
        Assert.That(c7.Status, Is.EqualTo(CriterionStatus.Fail));
        Assert.That(c7.Detail, Does.Contain("workstream A (in workplans/a.md) is missing in the hub"));
        Assert.That(report.DiskFactsSource, Is.EqualTo(DoiDiskFactsSource.FactsReport));
    }

    [Test]
    public async Task GetDoiSummary_HitsAndMisses_WritesOnlyTheMissesInOneCallAndSortsWorstFirst()
    {
        var hit = Inputs("alpha", remote: "git@example.com:alpha.git");
        var hitFingerprint = DoiFingerprint.Compute(DoiSnapshot.Create(hit, DoiSnapshots.Host, null, DoiSnapshots.Now));
        hit = hit with { Cached = CacheEntry(hit, hitFingerprint, fullEvaluation: true, tier: DoiTier.Core) };
        var staleEntry = Inputs("beta");
        staleEntry = staleEntry with { Cached = CacheEntry(staleEntry, "stale", fullEvaluation: true, tier: DoiTier.Full) };
        var fresh = Inputs("gamma");
        _inputs.Setup(q => q.ListActiveAsync(It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync([hit, staleEntry, fresh]);

        var summary = await SummaryHandler().Handle(new GetDoiSummaryQuery(), CancellationToken.None);

        Assert.That(summary.Select(e => e.RepoSlug), Is.EqualTo(new[] { "beta", "gamma", "alpha" }));
        Assert.That(summary.Select(e => e.Cached), Is.EqualTo(new[] { false, false, true }));
        Assert.That(summary[2].Tier, Is.EqualTo(DoiTier.Core), "the cached tier, not a new evaluation");
        var written = _writes.Single();
        Assert.That(written.Select(e => e.RepoId), Is.EquivalentTo(new[] { staleEntry.Repo.Id, fresh.Repo.Id }));
        Assert.That(written.All(e => !e.FullEvaluation), Is.True);
        _inputs.Verify(q => q.ListWorkstreamsAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>()), Times.Never);
        _engine.VerifyNoOtherCalls();
    }

    [Test]
    public async Task GetDoiSummary_FullyCached_WritesNothing()
    {
        var inputs = Inputs("alpha");
        var fingerprint = DoiFingerprint.Compute(DoiSnapshot.Create(inputs, DoiSnapshots.Host, null, DoiSnapshots.Now));
        _inputs.Setup(q => q.ListActiveAsync(It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([inputs with { Cached = CacheEntry(inputs, fingerprint, fullEvaluation: false) }]);

        var summary = await SummaryHandler().Handle(new GetDoiSummaryQuery(), CancellationToken.None);

        Assert.That(summary.Single().Cached, Is.True);
        Assert.That(summary.Single().FullEvaluation, Is.False);
        Assert.That(_writes, Is.Empty);
    }

    [Test]
    public async Task GetDoiSummary_CachedAndFresh_EachEntryCarriesTheCriteriaBehindItsTier()
    {
        var hit = Inputs("alpha", remote: "git@example.com:alpha.git");
        var hitFingerprint = DoiFingerprint.Compute(DoiSnapshot.Create(hit, DoiSnapshots.Host, null, DoiSnapshots.Now));
        var cacheEntry = CacheEntry(hit, hitFingerprint, fullEvaluation: true, tier: DoiTier.Core);
        hit = hit with { Cached = cacheEntry };
        var fresh = Inputs("gamma");
        _inputs.Setup(q => q.ListActiveAsync(It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync([hit, fresh]);

        var summary = await SummaryHandler().Handle(new GetDoiSummaryQuery(GetDoiSummaryQuery.IncludeCriteria), CancellationToken.None);

        var cached = summary.Single(e => e.RepoSlug == "alpha");
        Assert.That(cached.Criteria, Is.EqualTo(DoiJson.DeserializeCriteria(cacheEntry.Criteria)), "the cached row's criteria, as stored");
        Assert.That(cached.Criteria!.Where(c => c.Tier == DoiTier.Core).Select(c => c.Status), Has.All.EqualTo(CriterionStatus.Pass));
        var evaluated = summary.Single(e => e.RepoSlug == "gamma");
        Assert.That(evaluated.Criteria!.Select(c => c.Id), Is.EqualTo(DoiCriteria.All.Select(d => d.Id)));
        Assert.That(evaluated.FullEvaluation, Is.False);
        foreach (var id in new[] { "C7", "C13" })
        {
            var skipped = evaluated.Criteria!.Single(c => c.Id == id);
            Assert.That(skipped.Status, Is.EqualTo(CriterionStatus.Skip), id);
            Assert.That(skipped.Detail, Is.EqualTo("Not run in the fleet summary; GET /repos/gamma/doi runs it."), id);
        }

        Assert.That(evaluated.NextTierBlockers, Is.EqualTo(evaluated.Criteria!.Where(c => c.Tier == DoiTier.Core && c.Status == CriterionStatus.Fail).Select(c => c.Id)));
    }

    [Test]
    public async Task GetDoiSummary_WithoutInclude_EntriesCarryTheTierButNoCriteria()
    {
        var hit = Inputs("alpha", remote: "git@example.com:alpha.git");
        var hitFingerprint = DoiFingerprint.Compute(DoiSnapshot.Create(hit, DoiSnapshots.Host, null, DoiSnapshots.Now));
        hit = hit with { Cached = CacheEntry(hit, hitFingerprint, fullEvaluation: true, tier: DoiTier.Core) };
        _inputs.Setup(q => q.ListActiveAsync(It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync([hit, Inputs("gamma")]);

        var plain = await SummaryHandler().Handle(new GetDoiSummaryQuery(), CancellationToken.None);
        var full = await SummaryHandler().Handle(new GetDoiSummaryQuery(GetDoiSummaryQuery.IncludeCriteria), CancellationToken.None);

        Assert.That(plain.Select(e => e.Criteria), Has.All.Null);
        Assert.That(plain.Select(e => (e.RepoSlug, e.Tier, string.Join(",", e.NextTierBlockers))),
            Is.EqualTo(full.Select(e => (e.RepoSlug, e.Tier, string.Join(",", e.NextTierBlockers)))));
    }

    private GetRepoDoiQueryHandler RepoHandler() => new(
        _inputs.Object,
        new DoiCacheRecorder(_cache.Object, _outbox.Object),
        new DoiDiskInspector(_fileSystem.Object, _git.Object),
        _git.Object,
        new DoiWorkplanCheck(_workplanReader.Object, _engine.Object),
        _host.Object,
        _time.Object);

    private GetDoiSummaryQueryHandler SummaryHandler() => new(
        _inputs.Object,
        new DoiCacheRecorder(_cache.Object, _outbox.Object),
        new DoiDiskInspector(_fileSystem.Object, _git.Object),
        _git.Object,
        _host.Object,
        _time.Object,
        Options.Create(new DoiOptions { SummaryParallelism = 2 }));

    private static DoiRepoInputs Inputs(string slug, string? remote = null)
    {
        var domain = RepoDomain.Create("platform", "Platform", null);
        var repo = ManagedRepo.Register(domain, slug, slug, remoteUrl: remote, gitFingerprint: DoiSnapshots.Root);
        return new DoiRepoInputs(repo, DoiRepoState.From(repo, domain), new DoiHubState(), null, null);
    }

    private static DoiCacheEntry CacheEntry(DoiRepoInputs inputs, string fingerprint, bool fullEvaluation, DoiTier tier = DoiTier.None)
    {
        var snapshot = DoiSnapshot.Create(inputs, DoiSnapshots.Host, null, DoiSnapshots.Now);
        var derived = new DoiDerivedFacts { RunWorkplanCriteria = fullEvaluation };
        var criteria = DoiEvaluator.Evaluate(snapshot, derived).Criteria;
        if (tier == DoiTier.Core)
            criteria = criteria.Select(c => c.Tier == DoiTier.Core ? c with { Status = CriterionStatus.Pass } : c).ToList();
        return DoiCacheEntry.Create(inputs.Repo.Id, tier, tier >= DoiTier.Core, false, false, DoiJson.SerializeCriteria(criteria), fingerprint, DoiSnapshots.Now.AddDays(-1), fullEvaluation);
    }
}

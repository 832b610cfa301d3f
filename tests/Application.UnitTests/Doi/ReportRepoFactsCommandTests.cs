using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Doi;
using StateHub.Application.Doi.Commands.ReportRepoFacts;
using StateHub.Application.Workplans.Commands.SyncRepo;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;

using StateHub.Application.UnitTests.Common;

namespace StateHub.Application.UnitTests.Doi;

public sealed class ReportRepoFactsCommandTests
{
    private readonly Mock<TimeProvider> _time = new();

    public ReportRepoFactsCommandTests() => _time.Setup(t => t.GetUtcNow()).Returns(DoiSnapshots.Now);

    private ReportRepoFactsCommandValidator Validator => new(_time.Object);

    [Test]
    public void Validate_FullReport_IsValid()
    {
        var command = new ReportRepoFactsCommand
        {
            RootFiles = ["AGENTS.md", ".ci/run"],
            WorkplanFiles = [new ReportedWorkplanFile { Path = "workplans/a.md", Content = "---\nid: A\n---\n" }],
            RootCommit = DoiSnapshots.Root.ToUpperInvariant(),
            CollectedAt = DoiSnapshots.Now.AddMinutes(30),
        };

        Assert.That(Validator.Validate(command).IsValid, Is.True);
    }

    [Test]
    public void Validate_EmptyBody_IsValid()
    {
        Assert.That(Validator.Validate(new ReportRepoFactsCommand()).IsValid, Is.True);
    }

    [TestCase("abc")]
    [TestCase("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public void Validate_BadRootCommit_IsInvalid(string commit)
    {
        var result = Validator.Validate(new ReportRepoFactsCommand { RootCommit = commit });

        Assert.That(result.Errors.Select(e => e.PropertyName), Does.Contain("RootCommit"));
    }

    [TestCase("notes/plan.md")]
    [TestCase("workplans/sub/plan.md")]
    [TestCase("workplans/plan.txt")]
    [TestCase("WORKPLANS/plan.md")]
    public void Validate_WorkplanFileNotDirectlyUnderWorkplans_IsInvalidWithTheSyncRule(string path)
    {
        var facts = Validator.Validate(new ReportRepoFactsCommand { WorkplanFiles = [new ReportedWorkplanFile { Path = path, Content = "x" }] });
        var sync = new SyncRepoCommandValidator().Validate(new SyncRepoCommand { Files = [new WorkplanFileInput { Path = path, Content = "x" }] });

        Assert.That(facts.Errors.Select(e => e.ErrorMessage).Single(), Is.EqualTo(sync.Errors.Select(e => e.ErrorMessage).Single()),
            "a facts report holds only files a sync takes: C7 asks for every one of them");
    }

    [Test]
    public void Validate_TooManyRootFiles_IsInvalid()
    {
        var result = Validator.Validate(new ReportRepoFactsCommand { RootFiles = Enumerable.Range(0, RepoFactsReport.MaxRootFiles + 1).Select(i => $"f{i}").ToList() });

        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public async Task Handle_KnownRepo_UpsertsOneReportAndReturnsTheStoredReceivedAt()
    {
        var domain = RepoDomain.Create("platform", "Platform", null);
        var repo = ManagedRepo.Register(domain, "walker", "Walker");
        var repos = new Mock<IRepoRepository>();
        repos.Setup(r => r.GetBySlugAsync("walker", It.IsAny<CancellationToken>())).ReturnsAsync(repo);
        var facts = new Mock<IRepoFactsRepository>();
        RepoFactsReport? stored = null;
        facts.Setup(f => f.UpsertAsync(It.IsAny<RepoFactsReport>(), It.IsAny<CancellationToken>()))
            .Callback<RepoFactsReport, CancellationToken>((r, _) => stored = r)
            .ReturnsAsync(DoiSnapshots.Now.AddTicks(10));
        var handler = new ReportRepoFactsCommandHandler(repos.Object, facts.Object, _time.Object);

        var dto = await handler.Handle(new ReportRepoFactsCommand
        {
            Slug = "walker",
            RootFiles = ["README.md", "README.md"],
            WorkplanFiles = [new ReportedWorkplanFile { Path = "workplans/a.md", Content = "A" }],
            RootCommit = DoiSnapshots.Root.ToUpperInvariant(),
        }, CancellationToken.None).Run();

        Assert.That(stored!.RepoId, Is.EqualTo(repo.Id));
        Assert.That(stored.RootFiles, Is.EqualTo(new[] { "README.md" }));
        Assert.That(stored.RootCommit, Is.EqualTo(DoiSnapshots.Root));
        Assert.That(stored.CollectedAt, Is.EqualTo(DoiSnapshots.Now), "collected_at defaults to the time received");
        Assert.That(DoiJson.DeserializeWorkplans(stored.WorkplanFiles).Single().Content, Is.EqualTo("A"));
        Assert.That(dto.ReceivedAt, Is.EqualTo(DoiSnapshots.Now.AddTicks(10)));
    }

    [Test]
    public void Handle_UnknownRepo_ThrowsNotFound()
    {
        var handler = new ReportRepoFactsCommandHandler(new Mock<IRepoRepository>().Object, new Mock<IRepoFactsRepository>().Object, _time.Object);

        Assert.That(() => handler.Handle(new ReportRepoFactsCommand { Slug = "nope" }, CancellationToken.None).Run(), Throws.TypeOf<NotFoundException>());
    }
}

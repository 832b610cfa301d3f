using Microsoft.Extensions.Time.Testing;
using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Workplans;
using StateHub.Application.Workplans.Commands.SyncRepo;
using StateHub.Application.Workplans.EventHandlers;
using StateHub.Domain.Domains;
using StateHub.Domain.Events;
using StateHub.Domain.Repos;
using StateHub.Domain.Work;

using StateHub.Application.UnitTests.Common;

namespace StateHub.Application.UnitTests.Workplans;

public sealed class SyncRepoCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Mock<IRepoRepository> _repos = new();
    private readonly Mock<IWorkstreamRepository> _workplans = new();
    private readonly Mock<IWorkplanSourceReader> _reader = new();
    private readonly Mock<IProgressEventRepository> _events = new();
    private readonly Mock<ITaskDependencyRepository> _dependencies = new();
    private readonly Mock<IHostIdentity> _host = new();
    private readonly ManagedRepo _repo = ManagedRepo.Register(RepoDomain.Create("platform", "Platform", null), "hub", "Hub");

    private SyncRepoCommandHandler Handler => new(_repos.Object, _workplans.Object, _reader.Object, new WorkplanConsistencyEngine(), _dependencies.Object, _host.Object, new FakeTimeProvider(Now));

    private static readonly WorkplanFileInput File = new() { Path = "workplans/a.md", Content = "---\nid: WP-1\ntitle: A\nstatus: active\n---\n" };

    [SetUp]
    public void Arrange()
    {
        _host.SetupGet(h => h.HostName).Returns("this-host");
        _dependencies.Setup(d => d.ListTaskBlockersOfRepoAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _repos.Setup(r => r.GetBySlugAsync("hub", It.IsAny<CancellationToken>())).ReturnsAsync(_repo);
        _workplans.Setup(w => w.ListWithTasksAsync(_repo.Id, It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    [Test]
    public async Task Handle_CheckOnly_ReportsDriftAndChangesNothing()
    {
        var report = await Handler.Handle(new SyncRepoCommand { Slug = "hub", Fix = false, Files = [File] }, CancellationToken.None).Run();

        Assert.That(report.Source, Is.EqualTo(WorkplanSourceKind.Body));
        Assert.That(report.FilesChecked, Is.EqualTo(1));
        Assert.That(report.Drift.Single().Kind, Is.EqualTo(DriftKind.MissingInHub));
        Assert.That(report.InSync, Is.False);
        Assert.That(report.Changes, Is.Empty);
        Assert.That(report.LastStateSyncedAt, Is.Null);
        Assert.That(_repo.LastStateSyncedAt, Is.Null);
        _workplans.Verify(w => w.Add(It.IsAny<Workstream>()), Times.Never);
        Assert.That(_repo.TakeDomainEvents().OfType<WorkplanSynced>(), Is.Empty);
        _reader.Verify(r => r.ReadFromDisk(It.IsAny<ManagedRepo>()), Times.Never);
    }

    [Test]
    public async Task Handle_Fix_CreatesMarksSyncedAndRaisesWorkplanSyncedLoggedAsAnEvent()
    {
        _repo.TakeDomainEvents();
        var report = await Handler.Handle(new SyncRepoCommand { Slug = "hub", Files = [File] }, CancellationToken.None).Run();
        var synced = _repo.TakeDomainEvents().OfType<WorkplanSynced>().Single();
        await new LogWorkplanSync(_events.Object).Handle(synced, CancellationToken.None);

        Assert.That(report.Fix, Is.True);
        Assert.That(report.Changes.Single().Action, Is.EqualTo(WorkplanChangeAction.CreatedWorkstream));
        Assert.That(report.LastStateSyncedAt, Is.EqualTo(Now));
        _workplans.Verify(w => w.Add(It.Is<Workstream>(ws => ws.Key == "WP-1" && ws.SourcePath == "workplans/a.md")), Times.Once);
        _events.Verify(e => e.Add(It.Is<ProgressEvent>(p => p.Kind == "workplan_sync" && p.RepoId == _repo.Id)), Times.Once);
    }

    [Test]
    public async Task Handle_NoBody_ReadsFromDiskIncludingUnreadableFiles()
    {
        _reader.Setup(r => r.ReadFromDisk(_repo)).Returns(new WorkplanSourceSet([], [DriftItem.Invalid("workplans/evil.md", null, "outside")]));

        var report = await Handler.Handle(new SyncRepoCommand { Slug = "hub", Fix = false }, CancellationToken.None).Run();

        Assert.That(report.Source, Is.EqualTo(WorkplanSourceKind.Disk));
        Assert.That(report.FilesChecked, Is.EqualTo(1));
        Assert.That(report.Drift.Single().Path, Is.EqualTo("workplans/evil.md"));
    }

    [Test]
    public async Task Handle_PushedFileOverThePerFileLimit_IsAnInvalidFileAndTheOthersSync()
    {
        var big = new WorkplanFileInput { Path = "workplans/big.md", Content = File.Content + new string('é', WorkplanLimits.MaxFileBytes / 2) };

        var report = await Handler.Handle(new SyncRepoCommand { Slug = "hub", Files = [File, big] }, CancellationToken.None).Run();

        Assert.That(report.FilesChecked, Is.EqualTo(2));
        var invalid = report.Drift.Single(d => d.Kind == DriftKind.InvalidFile);
        Assert.That(invalid.Path, Is.EqualTo("workplans/big.md"));
        Assert.That(invalid.Reason, Does.Contain($"over the {WorkplanLimits.MaxFileBytes}-byte limit"));
        Assert.That(report.Changes.Single().WorkstreamKey, Is.EqualTo("WP-1"));
    }

    [Test]
    public void Handle_NoBodyAndNoReadableDirectory_ThrowsServiceUnavailableWithHowTo()
    {
        var ex = Assert.ThrowsAsync<ServiceUnavailableException>(() => Handler.Handle(new SyncRepoCommand { Slug = "hub" }, CancellationToken.None).Run());

        Assert.That(ex!.Message, Does.Contain("POST /repos/hub/paths").And.Contain("this-host"));
        Assert.That(_repo.LastStateSyncedAt, Is.Null);
    }

    [Test]
    public void Handle_UnknownRepo_ThrowsNotFound()
    {
        var ex = Assert.ThrowsAsync<NotFoundException>(() => Handler.Handle(new SyncRepoCommand { Slug = "nope", Files = [] }, CancellationToken.None).Run());

        Assert.That(ex!.Message, Is.EqualTo("Repo 'nope' not found"));
    }
}

public sealed class SyncRepoCommandValidatorTests
{
    private readonly SyncRepoCommandValidator _validator = new();

    private static SyncRepoCommand With(params WorkplanFileInput[] files) => new() { Slug = "hub", Files = files };

    [Test]
    public void Validate_NoFiles_IsValid() =>
        Assert.That(_validator.Validate(new SyncRepoCommand { Slug = "hub" }).IsValid, Is.True);

    [TestCase("workplans/a.md")]
    [TestCase("workplans/CUST-WP-0033 registry.md")]
    public void Validate_WorkplanPath_IsValid(string path) =>
        Assert.That(_validator.Validate(With(new WorkplanFileInput { Path = path, Content = "x" })).IsValid, Is.True);

    [TestCase("../a.md")]
    [TestCase("workplans/../a.md")]
    [TestCase("workplans/..")]
    [TestCase("/workplans/a.md")]
    [TestCase("workplans/a.txt")]
    [TestCase("workplans/sub/a.md")]
    [TestCase("workplans\\a.md")]
    [TestCase("workplans/a\u0000.md")]
    [TestCase("workplans/a\n.md")]
    [TestCase("")]
    public void Validate_PathOutsideWorkplans_IsInvalid(string path)
    {
        var result = _validator.Validate(With(new WorkplanFileInput { Path = path, Content = "x" }));

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors.Select(e => e.PropertyName), Has.Some.EqualTo("Files[0].Path"));
    }

    [Test]
    public void Validate_ContentMissing_IsInvalid() =>
        Assert.That(_validator.Validate(With(new WorkplanFileInput { Path = "workplans/a.md", Content = null! })).IsValid, Is.False);

    [Test]
    public void Validate_OneFileOverThePerFileLimit_IsValid() =>
        Assert.That(_validator.Validate(With(new WorkplanFileInput { Path = "workplans/a.md", Content = new string('é', WorkplanLimits.MaxFileBytes / 2 + 1) })).IsValid, Is.True,
            "the handler reports it as an invalid_file item, as on disk, and syncs the others");

    [Test]
    public void Validate_TooManyOrRepeatedFiles_IsInvalid()
    {
        var many = Enumerable.Range(0, WorkplanLimits.MaxFiles + 1).Select(i => new WorkplanFileInput { Path = $"workplans/{i}.md", Content = "x" }).ToArray();
        var repeated = new[] { new WorkplanFileInput { Path = "workplans/a.md", Content = "x" }, new WorkplanFileInput { Path = "workplans/a.md", Content = "y" } };

        Assert.That(_validator.Validate(With(many)).IsValid, Is.False);
        Assert.That(_validator.Validate(With(repeated)).Errors.Select(e => e.ErrorMessage), Has.Some.Contains("only once"));
    }
}

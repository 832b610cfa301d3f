using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Doi;
using StateHub.Application.Workplans;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;
using StateHub.Domain.Work;

namespace StateHub.Application.UnitTests.Doi;

public sealed class DoiWorkplanCheckTests
{
    private readonly Mock<IWorkplanSourceReader> _reader = new();
    private readonly Mock<IWorkplanConsistencyEngine> _engine = new();

    [Test]
    public void Describe_DriftKinds_SplitIntoC7DisagreementsAndC13OrphansIgnoringTitles()
    {
        var consistency = DoiWorkplanCheck.Describe(2,
        [
            new DriftItem { Kind = DriftKind.MissingInHub, WorkstreamKey = "A", Path = "workplans/a.md" },
            new DriftItem { Kind = DriftKind.StatusMismatch, WorkstreamKey = "A", TaskKey = "T1", FileValue = "done", HubValue = "todo", Path = "workplans/a.md" },
            DriftItem.Invalid("workplans/b.md", 3, "front matter is not closed"),
            new DriftItem { Kind = DriftKind.TitleMismatch, WorkstreamKey = "A", FileValue = "x", HubValue = "y" },
            new DriftItem { Kind = DriftKind.OrphanInHub, WorkstreamKey = "OLD", HubValue = "active", Reason = "its workplan file is gone" },
        ]);

        Assert.That(consistency.FileCount, Is.EqualTo(2));
        Assert.That(consistency.Disagreements, Is.EqualTo(new[]
        {
            "workstream A (in workplans/a.md) is missing in the hub",
            "task A/T1 is 'done' in workplans/a.md but 'todo' in the hub",
            "workplans/b.md line 3 is invalid: front matter is not closed",
        }));
        Assert.That(consistency.Orphans, Is.EqualTo(new[] { "workstream OLD ('active' in the hub): its workplan file is gone" }));
    }

    [Test]
    public void Check_UnreadableFileOnDisk_IsADisagreementAndItsWorkstreamIsNoOrphan()
    {
        var (snapshot, inputs) = DirectorySnapshot();
        _reader.Setup(r => r.ReadFromDisk(inputs.Repo)).Returns(new WorkplanSourceSet(
            [new WorkplanSource("workplans/a.md", "---\nid: A\ntitle: Alpha\nstatus: active\ntasks:\n  - {id: T1, title: \"One\", status: todo}\n---\n")],
            [DriftItem.Invalid("workplans/b.md", null, "the file is binary, not text")]));
        var alpha = Workstream.Create(inputs.Repo.Id, "A", "Alpha", WorkstreamStatus.Active, "workplans/a.md");
        alpha.AddTask("T1", "One");
        Workstream[] hub =
        [
            alpha,
            Workstream.Create(inputs.Repo.Id, "B", "Beta", WorkstreamStatus.Active, "workplans/b.md"),
            Workstream.Create(inputs.Repo.Id, "C", "Gamma", WorkstreamStatus.Active, "workplans/c.md"),
        ];

        var consistency = new DoiWorkplanCheck(_reader.Object, new WorkplanConsistencyEngine()).Check(snapshot, inputs, hub)!;

        Assert.That(consistency.FileCount, Is.EqualTo(2));
        Assert.That(consistency.Disagreements.Single(), Does.Contain("workplans/b.md is invalid: the file is binary"));
        Assert.That(consistency.Orphans.Single(), Does.StartWith("workstream C"));
    }

    [Test]
    public void Check_StoredReportWithANonWorkplanPath_NamesItAsInvalidWithTheFix()
    {
        var (snapshot, inputs) = DirectorySnapshot();
        var report = new DoiFactsReportState
        {
            WorkplanFilesJson = DoiJson.SerializeWorkplans(
            [
                new WorkplanSource("notes/plan.md", "---\nid: N\ntitle: Notes\nstatus: active\n---\n"),
                new WorkplanSource("workplans/a.md", "---\nid: A\ntitle: Alpha\nstatus: active\n---\n"),
            ]),
        };
        Workstream[] hub = [Workstream.Create(inputs.Repo.Id, "A", "Alpha", WorkstreamStatus.Active, "workplans/a.md")];

        var consistency = new DoiWorkplanCheck(_reader.Object, new WorkplanConsistencyEngine()).Check(snapshot with { Disk = null, Report = report }, inputs, hub)!;

        Assert.That(consistency.FileCount, Is.EqualTo(2));
        Assert.That(consistency.Disagreements.Single(), Does.StartWith("notes/plan.md is invalid: not a workplan file").And.Contain("PUT /repos/walker/facts"),
            "a sync refuses the file, so C7 must not ask for its workstream N");
        Assert.That(consistency.Orphans, Is.Empty);
    }

    [Test]
    public void Check_NoDiskFacts_ReturnsNull()
    {
        var (snapshot, inputs) = DirectorySnapshot();

        var consistency = new DoiWorkplanCheck(_reader.Object, _engine.Object).Check(snapshot with { Disk = null, Report = null }, inputs, []);

        Assert.That(consistency, Is.Null);
        _reader.VerifyNoOtherCalls();
    }

    private static (DoiSnapshot Snapshot, DoiRepoInputs Inputs) DirectorySnapshot()
    {
        var domain = RepoDomain.Create("platform", "Platform", null);
        var repo = ManagedRepo.Register(domain, "walker", "Walker");
        var inputs = new DoiRepoInputs(repo, DoiRepoState.From(repo, domain), new DoiHubState(), null, null);
        var snapshot = DoiSnapshot.Create(inputs, DoiSnapshots.Host, DoiSnapshots.Full().Disk, DoiSnapshots.Now);
        return (snapshot, inputs);
    }
}

public sealed class DoiDiskInspectorTests
{
    [Test]
    public void Look_UnreadableDirectory_HasNoProbe()
    {
        var fileSystem = new Mock<IRepoFileSystem>();
        var git = new Mock<IGitMetadataReader>();

        var look = new DoiDiskInspector(fileSystem.Object, git.Object).Look("/nowhere");

        Assert.That(look.Directory, Is.Null);
        Assert.That(look.Probe, Is.Null);
        git.VerifyNoOtherCalls();
    }

    [Test]
    public void Look_ReadableDirectory_StampsOnlyTheKeyFilesThatAreFiles()
    {
        var at = DoiSnapshots.Now;
        var directory = new Mock<IRepoDirectory>();
        directory.Setup(d => d.RootPath).Returns("/work/walker");
        directory.Setup(d => d.ListFiles(".github/workflows", "*.yml")).Returns([".github/workflows/ci.yml"]);
        directory.Setup(d => d.ListFiles(".github/workflows", "*.yaml")).Returns([]);
        directory.Setup(d => d.ListFiles("workplans", "*.md")).Returns(["workplans/a.md"]);
        directory.Setup(d => d.Stat(It.IsAny<string>())).Returns((RepoEntryInfo?)null);
        directory.Setup(d => d.Stat("README.md")).Returns(new RepoEntryInfo("README.md", false, 5, at));
        directory.Setup(d => d.Stat("AGENTS.md")).Returns(new RepoEntryInfo("AGENTS.md", true, 0, at));
        directory.Setup(d => d.Stat(".github/workflows/ci.yml")).Returns(new RepoEntryInfo(".github/workflows/ci.yml", false, 7, at));
        directory.Setup(d => d.Stat("workplans/a.md")).Returns(new RepoEntryInfo("workplans/a.md", false, 9, at));
        var fileSystem = new Mock<IRepoFileSystem>();
        fileSystem.Setup(f => f.Open("/work/walker")).Returns(directory.Object);
        var git = new Mock<IGitMetadataReader>();
        git.Setup(g => g.ReadHead(directory.Object)).Returns(new GitHeadState("abc", false, null));

        var look = new DoiDiskInspector(fileSystem.Object, git.Object).Look("/work/walker");

        Assert.That(look.Probe!.Files.Select(f => f.Path), Is.EqualTo(new[] { ".github/workflows/ci.yml", "README.md", "workplans/a.md" }), "an AGENTS.md folder is not agent instructions");
        Assert.That(look.Probe.Git.HeadCommit, Is.EqualTo("abc"));
        directory.Verify(d => d.ReadText(It.IsAny<string>()), Times.Never, "looking reads no content");
    }
}

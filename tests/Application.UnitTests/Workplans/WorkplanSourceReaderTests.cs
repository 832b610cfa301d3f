using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Workplans;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;

namespace StateHub.Application.UnitTests.Workplans;

public sealed class WorkplanSourceReaderTests
{
    private readonly Mock<IRepoFileSystem> _fileSystem = new();
    private readonly Mock<IRepoDirectory> _directory = new();
    private readonly Mock<IHostIdentity> _host = new();

    private WorkplanSourceReader Reader => new(_fileSystem.Object, _host.Object);

    private static ManagedRepo Repo()
    {
        var repo = ManagedRepo.Register(RepoDomain.Create("platform", "Platform", null), "hub", "Hub", localPath: "/srv/fallback");
        repo.SetHostPath("this-host", "/srv/hub");
        repo.SetHostPath("other-host", "/elsewhere/hub");
        return repo;
    }

    [SetUp]
    public void Arrange() => _host.SetupGet(h => h.HostName).Returns("this-host");

    [Test]
    public void ReadFromDisk_NoReadableDirectory_ReturnsNull()
    {
        Assert.That(Reader.ReadFromDisk(Repo()), Is.Null);
        _fileSystem.Verify(f => f.Open("/srv/hub"), Times.Once);
    }

    [Test]
    public void ReadFromDisk_UnknownHost_FallsBackToLocalPath()
    {
        _host.SetupGet(h => h.HostName).Returns("new-host");

        Reader.ReadFromDisk(Repo());

        _fileSystem.Verify(f => f.Open("/srv/fallback"), Times.Once);
    }

    [Test]
    public void ReadFromDisk_ReadsMarkdownFilesAndReportsRefusedOnes()
    {
        _fileSystem.Setup(f => f.Open("/srv/hub")).Returns(_directory.Object);
        _directory.Setup(d => d.ListFiles("workplans", "*.md")).Returns(["workplans/a.md", "workplans/evil.md", "workplans/notes.mdx"]);
        _directory.Setup(d => d.ReadText("workplans/a.md")).Returns(RepoFileReadResult.Ok("workplans/a.md", "---\n"));
        _directory.Setup(d => d.ReadText("workplans/evil.md")).Returns(RepoFileReadResult.Refused("workplans/evil.md", "outside the repository"));

        var set = Reader.ReadFromDisk(Repo())!;

        Assert.That(set.Files, Is.EqualTo(new[] { new WorkplanSource("workplans/a.md", "---\n") }));
        var refused = set.Unreadable.Single();
        Assert.That(refused.Kind, Is.EqualTo(DriftKind.InvalidFile));
        Assert.That(refused.Path, Is.EqualTo("workplans/evil.md"));
        Assert.That(refused.Reason, Is.EqualTo("outside the repository"));
        Assert.That(set.Count, Is.EqualTo(2));
        _directory.Verify(d => d.ReadText("workplans/notes.mdx"), Times.Never);
    }

    [Test]
    public void ReadFromDisk_FileRefusedAtALine_ReportsThatLine()
    {
        _fileSystem.Setup(f => f.Open("/srv/hub")).Returns(_directory.Object);
        _directory.Setup(d => d.ListFiles("workplans", "*.md")).Returns(["workplans/bin.md"]);
        _directory.Setup(d => d.ReadText("workplans/bin.md")).Returns(RepoFileReadResult.Refused("workplans/bin.md", "the file is binary, not text", line: 4));

        var refused = Reader.ReadFromDisk(Repo())!.Unreadable.Single();

        Assert.That(refused.Line, Is.EqualTo(4));
    }

    [Test]
    public void ReadFromDisk_MoreFilesThanTheCap_ReportsTheRestUnread()
    {
        var paths = Enumerable.Range(0, WorkplanLimits.MaxFiles + 3).Select(i => $"workplans/{i:D4}.md").ToList();
        _fileSystem.Setup(f => f.Open("/srv/hub")).Returns(_directory.Object);
        _directory.Setup(d => d.ListFiles("workplans", "*.md")).Returns(paths);
        _directory.Setup(d => d.ReadText(It.IsAny<string>())).Returns((string p) => RepoFileReadResult.Ok(p, "x"));

        var set = Reader.ReadFromDisk(Repo())!;

        Assert.That(set.Files, Has.Count.EqualTo(WorkplanLimits.MaxFiles));
        Assert.That(set.Unreadable, Has.Count.EqualTo(3));
        Assert.That(set.Unreadable.Select(u => u.Reason), Is.All.Contains("at most"));
    }
}

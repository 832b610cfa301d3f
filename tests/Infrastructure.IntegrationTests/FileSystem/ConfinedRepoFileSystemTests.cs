using Microsoft.Extensions.Options;
using StateHub.Application.Common.Abstractions;
using StateHub.Infrastructure.FileSystem;

namespace StateHub.Infrastructure.IntegrationTests.FileSystem;

public sealed class ConfinedRepoFileSystemTests
{
    private string _sandbox = null!;
    private string _repo = null!;
    private string _outside = null!;

    private static IRepoFileSystem FileSystem(long maxBytes = 1024) =>
        new ConfinedRepoFileSystem(Options.Create(new RepoFileSystemOptions { MaxFileBytes = maxBytes }));

    [SetUp]
    public void CreateSandbox()
    {
        _sandbox = Directory.CreateTempSubdirectory("statehub-fs-").FullName;
        _repo = Directory.CreateDirectory(Path.Combine(_sandbox, "repo")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_sandbox, "outside")).FullName;
        File.WriteAllText(Path.Combine(_outside, "secret.md"), "---\nid: STOLEN\n---\n");
        File.WriteAllText(Path.Combine(_repo, "README.md"), "# Repo\n");
        Directory.CreateDirectory(Path.Combine(_repo, "workplans"));
        File.WriteAllText(Path.Combine(_repo, "workplans", "b.md"), "b");
        File.WriteAllText(Path.Combine(_repo, "workplans", "a.md"), "a");
        File.WriteAllText(Path.Combine(_repo, "workplans", "notes.txt"), "n");
    }

    [TearDown]
    public void DeleteSandbox() => Directory.Delete(_sandbox, recursive: true);

    [Test]
    public void Open_MissingOrRelativeOrFile_ReturnsNull()
    {
        Assert.That(FileSystem().Open(Path.Combine(_sandbox, "nope")), Is.Null);
        Assert.That(FileSystem().Open("relative/path"), Is.Null);
        Assert.That(FileSystem().Open(Path.Combine(_repo, "README.md")), Is.Null);
        Assert.That(FileSystem().Open(null), Is.Null);
    }

    [Test]
    public void ReadText_FileInsideRoot_ReturnsContent()
    {
        var result = FileSystem().Open(_repo)!.ReadText("README.md");

        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(result.Content, Is.EqualTo("# Repo\n"));
    }

    [TestCase("../outside/secret.md")]
    [TestCase("workplans/../../outside/secret.md")]
    [TestCase("/etc/passwd")]
    [TestCase("workplans\\a.md")]
    public void ReadText_PathEscapingTheRoot_IsRefused(string path)
    {
        var result = FileSystem().Open(_repo)!.ReadText(path);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Content, Is.Null);
    }

    [Test]
    public void ReadText_SymlinkPointingOutside_IsRefusedAndNotRead()
    {
        File.CreateSymbolicLink(Path.Combine(_repo, "workplans", "evil.md"), Path.Combine(_outside, "secret.md"));

        var result = FileSystem().Open(_repo)!.ReadText("workplans/evil.md");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Content, Is.Null);
        Assert.That(result.Error, Does.Contain("outside"));
    }

    [Test]
    public void ReadText_DirectorySymlinkPointingOutside_IsRefused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_repo, "linked"), _outside);

        var directory = FileSystem().Open(_repo)!;

        Assert.That(directory.ReadText("linked/secret.md").Succeeded, Is.False);
        Assert.That(directory.ListFiles("linked", "*.md"), Is.Empty);
        Assert.That(directory.ListingRefusal("linked"), Does.Contain("outside"), "empty, but not because it has no files");
        Assert.That(directory.Stat("linked/secret.md"), Is.Null);
    }

    [Test]
    public void ListingRefusal_MissingOrReadableFolder_IsNull()
    {
        Directory.CreateDirectory(Path.Combine(_repo, "present"));
        var directory = FileSystem().Open(_repo)!;

        Assert.That(directory.ListingRefusal("present"), Is.Null);
        Assert.That(directory.ListingRefusal("absent"), Is.Null);
    }

    [Test]
    public void ReadText_SymlinkInsideRoot_IsFollowed()
    {
        File.CreateSymbolicLink(Path.Combine(_repo, "AGENTS.md"), Path.Combine(_repo, "README.md"));

        var result = FileSystem().Open(_repo)!.ReadText("AGENTS.md");

        Assert.That(result.Content, Is.EqualTo("# Repo\n"));
    }

    [Test]
    public void ReadText_RootReachedThroughASymlink_StillConfinesReads()
    {
        var alias = Path.Combine(_sandbox, "alias");
        Directory.CreateSymbolicLink(alias, _repo);

        var directory = FileSystem().Open(alias)!;

        Assert.That(directory.RootPath, Is.EqualTo(_repo));
        Assert.That(directory.ReadText("README.md").Succeeded, Is.True);
        Assert.That(directory.ReadText("../outside/secret.md").Succeeded, Is.False);
    }

    [Test]
    public void ReadText_OverTheSizeCap_IsRefused()
    {
        File.WriteAllText(Path.Combine(_repo, "big.md"), new string('x', 2048));

        var result = FileSystem(maxBytes: 1024).Open(_repo)!.ReadText("big.md");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.Contain("limit"));
    }

    [Test]
    public void ReadText_BinaryOrInvalidUtf8_IsRefused()
    {
        File.WriteAllBytes(Path.Combine(_repo, "bin.md"), [0x2d, 0x00, 0x01, 0x02]);
        File.WriteAllBytes(Path.Combine(_repo, "latin1.md"), [0x63, 0x61, 0x66, 0xe9]);

        var directory = FileSystem().Open(_repo)!;

        Assert.That(directory.ReadText("bin.md").Error, Does.Contain("binary"));
        Assert.That(directory.ReadText("latin1.md").Error, Does.Contain("UTF-8"));
    }

    [Test]
    public void ReadText_BinaryOrInvalidUtf8_ReportsTheLineOfTheFirstBadByte()
    {
        File.WriteAllBytes(Path.Combine(_repo, "bin.md"), [.. "---\nid: B\ntitle: a"u8, 0x00, .. "b\n"u8]);
        File.WriteAllBytes(Path.Combine(_repo, "latin1.md"), [.. "---\r\ntitle: caf"u8, 0xe9, .. "\r\n"u8, 0xff]);
        File.WriteAllBytes(Path.Combine(_repo, "cut.md"), [.. "\uFEFF---\n\u00e9t\u00e9\n\n"u8, 0xc3]);
        File.WriteAllBytes(Path.Combine(_repo, "first.md"), [0xff, .. "\n"u8]);

        var directory = FileSystem().Open(_repo)!;

        Assert.That(directory.ReadText("bin.md").Line, Is.EqualTo(3));
        Assert.That(directory.ReadText("latin1.md").Line, Is.EqualTo(2));
        Assert.That(directory.ReadText("cut.md").Line, Is.EqualTo(4), "a sequence cut off at the end");
        Assert.That(directory.ReadText("first.md").Line, Is.EqualTo(1));
        Assert.That(directory.ReadText("README.md").Line, Is.Null);
    }

    [Test]
    public void ListFiles_ReturnsMatchingFilesSortedAsRelativePaths()
    {
        var files = FileSystem().Open(_repo)!.ListFiles("workplans", "*.md");

        Assert.That(files, Is.EqualTo(new[] { "workplans/a.md", "workplans/b.md" }));
    }

    [Test]
    public void Stat_DescribesFilesAndFolders_NullForMissing()
    {
        var directory = FileSystem().Open(_repo)!;

        var readme = directory.Stat("README.md")!;
        Assert.That(readme.IsDirectory, Is.False);
        Assert.That(readme.Length, Is.EqualTo(7));
        Assert.That(directory.Stat("workplans")!.IsDirectory, Is.True);
        Assert.That(directory.Stat("missing.md"), Is.Null);
    }

    [Test]
    public void ReadText_NamedPipe_ReturnsWithoutBlocking()
    {
        var fifo = Path.Combine(_repo, "workplans", "pipe.md");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
            mkfifo.WaitForExit();
        Assume.That(File.Exists(fifo), "mkfifo is needed for this test");

        var read = Task.Run(() => FileSystem().Open(_repo)!.ReadText("workplans/pipe.md"));

        Assert.That(read.Wait(TimeSpan.FromSeconds(5)), Is.True, "reading a FIFO must not block");
        Assert.That(read.Result.Content ?? string.Empty, Is.Empty);
    }
}

using Microsoft.Extensions.Options;
using StateHub.Application.Common.Abstractions;
using StateHub.Infrastructure.FileSystem;
using StateHub.Infrastructure.Git;

namespace StateHub.Infrastructure.IntegrationTests.Git;

public sealed class GitMetadataReaderTests
{
    private readonly GitMetadataReader _reader = new();
    private string _sandbox = null!;
    private string _repo = null!;

    [SetUp]
    public void CreateSandbox()
    {
        _sandbox = Directory.CreateTempSubdirectory("statehub-git-").FullName;
        _repo = Path.Combine(_sandbox, "repo");
    }

    [TearDown]
    public void DeleteSandbox() => Directory.Delete(_sandbox, recursive: true);

    [Test]
    public void ReadRootCommits_LooseObjects_ReturnsTheRootCommitGitReports()
    {
        GitSandbox.Init(_repo);
        var root = GitSandbox.Commit(_repo, "README.md", "one", "first");
        GitSandbox.Commit(_repo, "README.md", "two", "second");
        GitSandbox.Commit(_repo, "README.md", "three", "third");

        var result = _reader.ReadRootCommits(Open(_repo));

        Assert.That(result.Problem, Is.Null);
        Assert.That(result.Commits, Is.EqualTo(new[] { root }));
        Assert.That(result.Commits, Is.EqualTo(GitSandbox.RootCommits(_repo)));
    }

    [TestCase("gc")]
    [TestCase("ofs-delta")]
    [TestCase("ref-delta")]
    [TestCase("idx-v1")]
    public void ReadRootCommits_PackedHistory_ReturnsTheRootCommit(string packing)
    {
        GitSandbox.Init(_repo);
        var root = GitSandbox.Commit(_repo, "README.md", "one", "first");
        for (var i = 0; i < 30; i++)
            GitSandbox.Commit(_repo, "notes.txt", string.Join('\n', Enumerable.Range(0, 200 + i)), "commit " + i);
        Repack(_repo, packing);
        Assert.That(Directory.EnumerateFiles(Path.Combine(_repo, ".git", "objects"), "*", SearchOption.AllDirectories)
            .Count(f => !f.Contains("/pack/") && !f.Contains("/info/")), Is.Zero, "every object is packed");

        var result = _reader.ReadRootCommits(Open(_repo));

        Assert.That(result.Problem, Is.Null);
        Assert.That(result.Commits, Is.EqualTo(new[] { root }));
    }

    [TestCase("ofs-delta")]
    [TestCase("ref-delta")]
    [TestCase("idx-v1")]
    public void ObjectDatabase_DeltifiedBlobs_InflateToWhatGitStores(string packing)
    {
        GitSandbox.Init(_repo);
        var lines = Enumerable.Range(0, 3000).Select(i => $"line {i} of a file that changes a little in every commit").ToList();
        for (var i = 0; i < 8; i++)
        {
            lines[i * 100] = "changed in commit " + i;
            GitSandbox.Commit(_repo, "big.txt", string.Join('\n', lines), "commit " + i);
        }

        Repack(_repo, packing);
        var verify = GitSandbox.Run(_repo, "verify-pack", "-v", Directory.EnumerateFiles(Path.Combine(_repo, ".git", "objects", "pack"), "*.idx").Single());
        Assert.That(verify, Does.Contain("chain length"), "the pack holds deltas");

        var layout = GitRepositoryLayout.Locate(RealPath.Resolve(_repo)!);
        using var objects = new GitObjectDatabase(layout, 20);
        var blobs = GitSandbox.Run(_repo, "log", "--format=", "--raw", "--no-abbrev").Split('\n')
            .Select(l => l.Split(' ')).Where(p => p.Length > 3).Select(p => p[3]).Distinct().ToList();
        Assert.That(blobs, Has.Count.EqualTo(8));
        foreach (var blob in blobs)
        {
            var obj = objects.Read(blob);
            Assert.That(obj, Is.Not.Null, blob);
            Assert.That(obj!.Type, Is.EqualTo(GitObjectType.Blob));
            Assert.That(System.Text.Encoding.UTF8.GetString(obj.Data), Is.EqualTo(GitSandbox.Run(_repo, "cat-file", "blob", blob)));
        }
    }

    [Test]
    public void ReadRootCommits_MergedUnrelatedHistories_ReturnsEveryRoot()
    {
        GitSandbox.Init(_repo);
        var mainRoot = GitSandbox.Commit(_repo, "README.md", "main", "main root");
        GitSandbox.Run(_repo, "checkout", "--quiet", "--orphan", "other");
        GitSandbox.Run(_repo, "rm", "-rf", "--quiet", ".");
        var otherRoot = GitSandbox.Commit(_repo, "OTHER.md", "other", "other root");
        GitSandbox.Run(_repo, "checkout", "--quiet", "main");
        GitSandbox.Run(_repo, "merge", "--quiet", "--no-gpg-sign", "--allow-unrelated-histories", "-m", "merge", "other");
        GitSandbox.Run(_repo, "gc", "--quiet");

        var result = _reader.ReadRootCommits(Open(_repo));

        Assert.That(result.Problem, Is.Null);
        Assert.That(result.Commits[0], Is.EqualTo(mainRoot), "the first-parent chain's root comes first");
        Assert.That(result.Commits, Is.EquivalentTo(new[] { mainRoot, otherRoot }));
        Assert.That(result.Commits, Is.EquivalentTo(GitSandbox.RootCommits(_repo)));
    }

    [Test]
    public void ReadRootCommits_DetachedHeadAndPackedRefs_ResolvesHead()
    {
        GitSandbox.Init(_repo);
        var root = GitSandbox.Commit(_repo, "README.md", "one", "first");
        var second = GitSandbox.Commit(_repo, "README.md", "two", "second");
        GitSandbox.Run(_repo, "pack-refs", "--all");
        Assert.That(File.Exists(Path.Combine(_repo, ".git", "refs", "heads", "main")), Is.False);

        Assert.That(_reader.ReadHead(Open(_repo)).HeadCommit, Is.EqualTo(second));
        GitSandbox.Run(_repo, "checkout", "--quiet", "--detach", root);
        Assert.That(_reader.ReadHead(Open(_repo)).HeadCommit, Is.EqualTo(root));
        Assert.That(_reader.ReadRootCommits(Open(_repo)).Commits, Is.EqualTo(new[] { root }));
    }

    [Test]
    public void ReadRootCommits_Sha256Repository_ReturnsTheRootCommit()
    {
        GitSandbox.Init(_repo, "sha256");
        var root = GitSandbox.Commit(_repo, "README.md", "one", "first");
        GitSandbox.Commit(_repo, "README.md", "two", "second");
        GitSandbox.Run(_repo, "gc", "--quiet");

        var result = _reader.ReadRootCommits(Open(_repo));

        Assert.That(root, Has.Length.EqualTo(64));
        Assert.That(result.Problem, Is.Null);
        Assert.That(result.Commits, Is.EqualTo(new[] { root }));
    }

    [Test]
    public void ReadHead_NewCommit_ChangesTheHeadCommit()
    {
        GitSandbox.Init(_repo);
        var first = GitSandbox.Commit(_repo, "README.md", "one", "first");
        Assert.That(_reader.ReadHead(Open(_repo)), Is.EqualTo(new GitHeadState(first, false, null)));

        var second = GitSandbox.Commit(_repo, "README.md", "two", "second");

        Assert.That(_reader.ReadHead(Open(_repo)).HeadCommit, Is.EqualTo(second));
    }

    [Test]
    public void ReadRootCommits_NoCommitsYet_ExplainsTheProblem()
    {
        GitSandbox.Init(_repo);

        var result = _reader.ReadRootCommits(Open(_repo));

        Assert.That(result.Commits, Is.Empty);
        Assert.That(result.Problem, Does.Contain("no commits yet"));
    }

    [Test]
    public void ReadRootCommits_NotARepository_ExplainsTheProblem()
    {
        Directory.CreateDirectory(_repo);

        var result = _reader.ReadRootCommits(Open(_repo));

        Assert.That(result.Problem, Does.Contain("not a git repository"));
        Assert.That(_reader.ReadHead(Open(_repo)).Problem, Does.Contain("not a git repository"));
    }

    [Test]
    public void ReadRootCommits_ShallowClone_ExplainsTheProblem()
    {
        var origin = GitSandbox.Init(Path.Combine(_sandbox, "origin"));
        GitSandbox.Commit(origin, "README.md", "one", "first");
        GitSandbox.Commit(origin, "README.md", "two", "second");
        GitSandbox.Run(_sandbox, "clone", "--quiet", "--depth=1", "file://" + origin, _repo);

        var result = _reader.ReadRootCommits(Open(_repo));

        Assert.That(result.Problem, Does.Contain("shallow"));
        Assert.That(_reader.ReadHead(Open(_repo)).Shallow, Is.True);
    }

    [Test]
    public void ReadRootCommits_LinkedWorktreeGitFileOutsideTheRoot_IsNotFollowed()
    {
        GitSandbox.Init(_repo);
        GitSandbox.Commit(_repo, "README.md", "one", "first");
        var worktree = Path.Combine(_sandbox, "worktree");
        GitSandbox.Run(_repo, "worktree", "add", "--quiet", worktree);
        Assert.That(File.Exists(Path.Combine(worktree, ".git")), Is.True, "a linked worktree has a .git file");

        var result = _reader.ReadRootCommits(Open(worktree));

        Assert.That(result.Commits, Is.Empty);
        Assert.That(result.Problem, Does.Contain("outside the repository"));
    }

    [Test]
    public void ReadRootCommits_GitDirSymlinkedOutsideTheRoot_IsNotFollowed()
    {
        var elsewhere = GitSandbox.Init(Path.Combine(_sandbox, "elsewhere"));
        GitSandbox.Commit(elsewhere, "README.md", "one", "first");
        Directory.CreateDirectory(_repo);
        File.CreateSymbolicLink(Path.Combine(_repo, ".git"), Path.Combine(elsewhere, ".git"));

        var result = _reader.ReadRootCommits(Open(_repo));

        Assert.That(result.Commits, Is.Empty);
        Assert.That(result.Problem, Does.Contain("outside the repository"));
    }

    [Test]
    public void ReadRootCommits_GitFilePointingInsideTheRoot_IsFollowed()
    {
        GitSandbox.Init(_repo);
        var root = GitSandbox.Commit(_repo, "README.md", "one", "first");
        Directory.Move(Path.Combine(_repo, ".git"), Path.Combine(_repo, ".git-data"));
        File.WriteAllText(Path.Combine(_repo, ".git"), "gitdir: .git-data\n");

        var result = _reader.ReadRootCommits(Open(_repo));

        Assert.That(result.Problem, Is.Null);
        Assert.That(result.Commits, Is.EqualTo(new[] { root }));
    }

    [Test]
    public void ReadRootCommits_LooseObjectSymlinkedOutside_IsNotRead()
    {
        GitSandbox.Init(_repo);
        var root = GitSandbox.Commit(_repo, "README.md", "one", "first");
        var objectPath = Path.Combine(_repo, ".git", "objects", root[..2], root[2..]);
        var outside = Path.Combine(_sandbox, "stolen-object");
        File.Move(objectPath, outside);
        File.CreateSymbolicLink(objectPath, outside);

        var result = _reader.ReadRootCommits(Open(_repo));

        Assert.That(result.Commits, Is.Empty);
        Assert.That(result.Problem, Does.Contain("missing"));
    }

    [Test]
    public void ReadRootCommits_CorruptLooseObject_ExplainsTheProblem()
    {
        GitSandbox.Init(_repo);
        var root = GitSandbox.Commit(_repo, "README.md", "one", "first");
        var objectPath = Path.Combine(_repo, ".git", "objects", root[..2], root[2..]);
        File.SetAttributes(objectPath, FileAttributes.Normal);
        File.WriteAllBytes(objectPath, [1, 2, 3, 4, 5]);

        var result = _reader.ReadRootCommits(Open(_repo));

        Assert.That(result.Commits, Is.Empty);
        Assert.That(result.Problem, Does.Contain(root));
    }

    [Test]
    public void ReadRootCommits_TruncatedPackIndex_ExplainsTheProblem()
    {
        GitSandbox.Init(_repo);
        GitSandbox.Commit(_repo, "README.md", "one", "first");
        GitSandbox.Run(_repo, "gc", "--quiet");
        var idx = Directory.EnumerateFiles(Path.Combine(_repo, ".git", "objects", "pack"), "*.idx").Single();
        File.SetAttributes(idx, FileAttributes.Normal);
        var bytes = File.ReadAllBytes(idx);
        File.WriteAllBytes(idx, bytes[..100]);

        var result = _reader.ReadRootCommits(Open(_repo));

        Assert.That(result.Commits, Is.Empty);
        Assert.That(result.Problem, Does.Contain("truncated"));
    }

    private static IRepoDirectory Open(string path) =>
        new ConfinedRepoFileSystem(Options.Create(new RepoFileSystemOptions())).Open(path)
            ?? throw new AssertionException("the test repo could not be opened");

    private static void Repack(string repo, string packing)
    {
        switch (packing)
        {
            case "gc":
                GitSandbox.Run(repo, "gc", "--quiet");
                break;
            case "ofs-delta":
                GitSandbox.Run(repo, "repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50");
                break;
            case "ref-delta":
                GitSandbox.Run(repo, "-c", "repack.useDeltaBaseOffset=false", "repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50");
                break;
            case "idx-v1":
                GitSandbox.Run(repo, "-c", "pack.indexVersion=1", "repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50");
                break;
        }

        GitSandbox.Run(repo, "prune-packed");
        GitSandbox.Run(repo, "prune", "--expire=now");
    }
}

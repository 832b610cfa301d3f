using StateHub.Domain.Common;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;

namespace StateHub.Domain.UnitTests.Repos;

public sealed class ManagedRepoTests
{
    private static readonly RepoDomain Platform = RepoDomain.Create("platform", "Platform", null);

    [TestCase("by-id")]
    [TestCase("by-fingerprint")]
    [TestCase("by-remote")]
    [TestCase("doi")]
    public void Register_ReservedSlug_Throws(string slug)
    {
        var ex = Assert.Throws<DomainValidationException>(() => ManagedRepo.Register(Platform, slug, "Name"));

        Assert.That(ex!.Field, Is.EqualTo("slug"));
    }

    [TestCase("UPPER")]
    [TestCase("-x")]
    [TestCase("has space")]
    [TestCase("")]
    [TestCase("abc\n")]
    [TestCase("doi\n")]
    [TestCase("\nabc")]
    public void Register_SlugOutsidePattern_Throws(string slug) =>
        Assert.Throws<DomainValidationException>(() => ManagedRepo.Register(Platform, slug, "Name"));

    [Test]
    public void Register_SixtyThreeCharacterSlug_IsAccepted()
    {
        var slug = "a" + new string('b', 62);

        var repo = ManagedRepo.Register(Platform, slug, "Name");

        Assert.That(repo.Slug, Is.EqualTo(slug));
    }

    [Test]
    public void Register_SixtyFourCharacterSlug_Throws() =>
        Assert.Throws<DomainValidationException>(() => ManagedRepo.Register(Platform, "a" + new string('b', 63), "Name"));

    [Test]
    public void SetHostPath_MergesWithoutTouchingOtherHosts()
    {
        var repo = ManagedRepo.Register(Platform, "a", "A");

        repo.SetHostPath("laptop", "/home/a");
        repo.SetHostPath("ci", "/builds/a");
        repo.SetHostPath("laptop", "/src/a");

        Assert.That(repo.HostPaths, Is.EquivalentTo(new Dictionary<string, string> { ["laptop"] = "/src/a", ["ci"] = "/builds/a" }));
    }

    [TestCase("/home/a")]
    [TestCase(@"C:\src\a")]
    [TestCase("d:/src/a")]
    [TestCase(@"\\server\share\a")]
    public void SetHostPath_AbsolutePath_IsRecorded(string path)
    {
        var repo = ManagedRepo.Register(Platform, "a", "A");

        repo.SetHostPath("laptop", path);

        Assert.That(repo.HostPaths["laptop"], Is.EqualTo(path));
    }

    [TestCase("src/a")]
    [TestCase("./a")]
    [TestCase("../a")]
    [TestCase("~/src/a")]
    [TestCase("a")]
    [TestCase("C:relative")]
    [TestCase(@"\src\a")]
    public void SetHostPath_RelativePath_ThrowsOnPathAndKeepsTheOldEntry(string path)
    {
        var repo = ManagedRepo.Register(Platform, "a", "A");
        repo.SetHostPath("laptop", "/home/a");

        var ex = Assert.Throws<DomainValidationException>(() => repo.SetHostPath("laptop", path));

        Assert.That(ex!.Field, Is.EqualTo("path"));
        Assert.That(ex.Message, Does.StartWith("path must be absolute"));
        Assert.That(repo.HostPaths["laptop"], Is.EqualTo("/home/a"));
    }

    [Test]
    public void PathOnHost_PrefersHostEntryThenLocalPath()
    {
        var repo = ManagedRepo.Register(Platform, "a", "A", localPath: "/default/a");
        repo.SetHostPath("laptop", "/home/a");

        Assert.That(repo.PathOnHost("laptop"), Is.EqualTo("/home/a"));
        Assert.That(repo.PathOnHost("elsewhere"), Is.EqualTo("/default/a"));
    }

    [Test]
    public void Rename_Empty_Throws()
    {
        var repo = ManagedRepo.Register(Platform, "a", "A");

        Assert.Throws<DomainValidationException>(() => repo.Rename("  "));
        Assert.That(repo.Name, Is.EqualTo("A"));
    }

    [Test]
    public void Archive_IsIdempotent()
    {
        var repo = ManagedRepo.Register(Platform, "a", "A");

        repo.Archive();
        repo.Archive();

        Assert.That(repo.Status, Is.EqualTo(RepoStatus.Archived));
    }
}

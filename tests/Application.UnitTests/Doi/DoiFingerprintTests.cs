using System.Reflection;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Doi;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;

namespace StateHub.Application.UnitTests.Doi;

public sealed class DoiFingerprintTests
{
    private static readonly DoiSnapshot Base = DoiSnapshots.Full();

    /// <summary>One change per input of every criterion. The name says which input it changes.</summary>
    private static readonly (string Input, Func<DoiSnapshot, DoiSnapshot> Change)[] Changes =
    [
        ("HostName", s => s with { HostName = "hub-2" }),
        ("Repo.Id", s => s with { Repo = s.Repo with { Id = Guid.NewGuid() } }),
        ("Repo.Slug", s => s with { Repo = s.Repo with { Slug = "other" } }),
        ("Repo.Status", s => s with { Repo = s.Repo with { Status = RepoStatus.Archived } }),
        ("Repo.UpdatedAt", s => s with { Repo = s.Repo with { UpdatedAt = s.Repo.UpdatedAt.AddTicks(1) } }),
        ("Repo.LocalPath", s => s with { Repo = s.Repo with { LocalPath = "/srv/other" } }),
        ("Repo.HostPaths", s => s with { Repo = s.Repo with { HostPaths = new Dictionary<string, string>(s.Repo.HostPaths) { ["laptop"] = "/elsewhere" } } }),
        ("Repo.HostPaths (this host)", s => s with { Repo = s.Repo with { HostPaths = new Dictionary<string, string>(s.Repo.HostPaths) { [DoiSnapshots.Host] = "/moved" } } }),
        ("Repo.RemoteUrl", s => s with { Repo = s.Repo with { RemoteUrl = null } }),
        ("Repo.GitFingerprint", s => s with { Repo = s.Repo with { GitFingerprint = "ffff" } }),
        ("Repo.LastSbomAt", s => s with { Repo = s.Repo with { LastSbomAt = s.Repo.LastSbomAt!.Value.AddSeconds(1) } }),
        ("Repo.LastStateSyncedAt", s => s with { Repo = s.Repo with { LastStateSyncedAt = null } }),
        ("Repo.DomainSlug", s => s with { Repo = s.Repo with { DomainSlug = "tools" } }),
        ("Repo.DomainStatus", s => s with { Repo = s.Repo with { DomainStatus = DomainStatus.Paused } }),
        ("Hub.GoalCount", s => s with { Hub = s.Hub with { GoalCount = 3 } }),
        ("Hub.ActiveGoalCount", s => s with { Hub = s.Hub with { ActiveGoalCount = 0 } }),
        ("Hub.GoalsLatestUpdatedAt", s => s with { Hub = s.Hub with { GoalsLatestUpdatedAt = DoiSnapshots.Now } }),
        ("Hub.TpscCount", s => s with { Hub = s.Hub with { TpscCount = 0 } }),
        ("Hub.TpscLatestAt", s => s with { Hub = s.Hub with { TpscLatestAt = DoiSnapshots.Now } }),
        ("Hub.UnreadInboxCount", s => s with { Hub = s.Hub with { UnreadInboxCount = 2 } }),
        ("Hub.OldestUnreadInboxAt", s => s with { Hub = s.Hub with { OldestUnreadInboxAt = null } }),
        ("Hub.WorkstreamCount", s => s with { Hub = s.Hub with { WorkstreamCount = 2 } }),
        ("Hub.WorkstreamsLatestUpdatedAt", s => s with { Hub = s.Hub with { WorkstreamsLatestUpdatedAt = DoiSnapshots.Now } }),
        ("Hub.TaskCount", s => s with { Hub = s.Hub with { TaskCount = 4 } }),
        ("Hub.TasksLatestUpdatedAt", s => s with { Hub = s.Hub with { TasksLatestUpdatedAt = DoiSnapshots.Now } }),
        ("Disk (unreadable)", s => s with { Disk = null }),
        ("Disk.RootPath", s => s with { Disk = s.Disk! with { RootPath = "/real/walker" } }),
        ("Disk.Files (README removed)", s => s with { Disk = s.Disk! with { Files = s.Disk.Files.Where(f => f.Path != "README.md").ToList() } }),
        ("Disk.Files (CI file added)", s => s with { Disk = s.Disk! with { Files = [.. s.Disk.Files, new DoiFileStamp(".gitlab-ci.yml", 1, DoiSnapshots.Now)] } }),
        ("Disk.Files (workplan modified)", s => s with { Disk = s.Disk! with { Files = s.Disk.Files.Select(f => f.Path.StartsWith("workplans/") ? f with { LastModifiedUtc = f.LastModifiedUtc.AddMilliseconds(1) } : f).ToList() } }),
        ("Disk.Files (size changed)", s => s with { Disk = s.Disk! with { Files = s.Disk.Files.Select(f => f.Path == "AGENTS.md" ? f with { Length = 101 } : f).ToList() } }),
        ("Disk.Git.HeadCommit", s => s with { Disk = s.Disk! with { Git = s.Disk.Git with { HeadCommit = "3333333333333333333333333333333333333333" } } }),
        ("Disk.Git.Shallow", s => s with { Disk = s.Disk! with { Git = s.Disk.Git with { Shallow = true } } }),
        ("Disk.Git.Problem", s => s with { Disk = s.Disk! with { Git = new GitHeadState(null, false, "not a git repository") } }),
        ("Report (absent)", s => s with { Report = null }),
        ("Report.ReceivedAt", s => s with { Report = s.Report! with { ReceivedAt = s.Report.ReceivedAt.AddSeconds(1) } }),
        ("Report.CollectedAt", s => s with { Report = s.Report! with { CollectedAt = s.Report.CollectedAt.AddSeconds(1) } }),
        ("Report.RootFiles", s => s with { Report = s.Report! with { RootFiles = [.. s.Report.RootFiles, "README.md"] } }),
        ("Report.RootCommit", s => s with { Report = s.Report! with { RootCommit = null } }),
    ];

    /// <summary>Fields no criterion reads, or that a listed input stands for (every new report has a later received_at).</summary>
    private static readonly string[] NotInputs =
    [
        "Repo.Name", "Repo.Description", "Report.WorkplanFilesJson", "Disk.Git", "Now", "Repo", "Hub", "Disk", "Report", "PathOnHost", "DiskFactsSource",
    ];

    private static IEnumerable<TestCaseData> ChangeCases() =>
        Changes.Select(c => new TestCaseData(c.Change).SetArgDisplayNames(c.Input));

    [TestCaseSource(nameof(ChangeCases))]
    public void Compute_OneInputChanged_ChangesTheFingerprint(Func<DoiSnapshot, DoiSnapshot> change)
    {
        Assert.That(DoiFingerprint.Compute(change(Base)), Is.Not.EqualTo(DoiFingerprint.Compute(Base)));
    }

    [Test]
    public void Compute_EveryChange_GivesADistinctFingerprint()
    {
        var fingerprints = Changes.Select(c => DoiFingerprint.Compute(c.Change(Base))).Append(DoiFingerprint.Compute(Base)).ToList();

        Assert.That(fingerprints, Is.Unique);
    }

    [Test]
    public void Compute_NothingChanged_SameFingerprint()
    {
        var again = DoiSnapshots.Full() with
        {
            Repo = DoiSnapshots.Full().Repo with
            {
                // The same map built in another order is the same input.
                HostPaths = new Dictionary<string, string> { ["laptop"] = "/home/me/walker", [DoiSnapshots.Host] = "/work/walker" },
            },
        };

        Assert.That(DoiFingerprint.Compute(again), Is.EqualTo(DoiFingerprint.Compute(Base)));
        Assert.That(DoiFingerprint.Compute(Base), Does.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void Compute_TimePassesWithoutCrossingAThreshold_SameFingerprint()
    {
        var later = Base with { Now = Base.Now.AddHours(20) };

        Assert.That(DoiFingerprint.Compute(later), Is.EqualTo(DoiFingerprint.Compute(Base)));
    }

    [Test]
    public void Compute_SbomCrosses30Days_ChangesTheFingerprint()
    {
        var snapshot = Base with { Repo = Base.Repo with { LastSbomAt = Base.Now.AddDays(-29) } };

        AssertOnlyTimeFlips(snapshot, TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
    }

    [Test]
    public void Compute_FutureSbomComesWithinTheClockSkew_ChangesTheFingerprint()
    {
        var snapshot = Base with { Repo = Base.Repo with { LastSbomAt = Base.Now.AddDays(1) } };

        AssertOnlyTimeFlips(snapshot, TimeSpan.FromDays(1) - TimeSpan.FromMinutes(5));
    }

    [Test]
    public void Compute_LastSyncReaches7Days_ChangesTheFingerprint()
    {
        var snapshot = Base with { Repo = Base.Repo with { LastStateSyncedAt = Base.Now.AddDays(-6.5) } };

        AssertOnlyTimeFlips(snapshot, TimeSpan.FromDays(0.5));
    }

    [Test]
    public void Compute_OldestUnreadPasses7Days_ChangesTheFingerprint()
    {
        var snapshot = Base with { Hub = Base.Hub with { OldestUnreadInboxAt = Base.Now.AddDays(-6.5) } };

        AssertOnlyTimeFlips(snapshot, TimeSpan.FromDays(0.5) + TimeSpan.FromSeconds(1));
    }

    [Test]
    public void Changes_CoverEveryInputOfTheSnapshot()
    {
        var covered = Changes.Select(c => c.Input.Split(' ')[0]).ToHashSet();
        var inputs = Properties(typeof(DoiSnapshot), string.Empty)
            .Where(p => !NotInputs.Contains(p))
            .ToList();

        Assert.That(inputs.Where(p => !covered.Contains(p)), Is.Empty, "every snapshot field is either a fingerprint input with a change case, or listed in NotInputs");
    }

    private static void AssertOnlyTimeFlips(DoiSnapshot snapshot, TimeSpan advance)
    {
        var before = DoiFingerprint.Compute(snapshot);
        var justBefore = DoiFingerprint.Compute(snapshot with { Now = snapshot.Now + advance - TimeSpan.FromMinutes(1) });
        var after = DoiFingerprint.Compute(snapshot with { Now = snapshot.Now + advance });

        Assert.That(justBefore, Is.EqualTo(before), "before the threshold nothing can have changed");
        Assert.That(after, Is.Not.EqualTo(before), "at the threshold the criterion's answer changes");
    }

    private static IEnumerable<string> Properties(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = prefix + property.Name;
            yield return name;
            var nested = property.PropertyType;
            if (nested.Namespace == typeof(DoiSnapshot).Namespace && nested.IsClass && nested != typeof(string))
            {
                foreach (var inner in Properties(nested, name + "."))
                    yield return inner;
            }
        }
    }
}

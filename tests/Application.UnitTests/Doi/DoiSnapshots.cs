using StateHub.Application.Common.Abstractions;
using StateHub.Application.Doi;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;

namespace StateHub.Application.UnitTests.Doi;

/// <summary>Snapshots for DoI tests: <see cref="Full"/> meets every criterion, with every input set.</summary>
internal static class DoiSnapshots
{
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public const string Host = "hub-1";

    public const string Root = "1111111111111111111111111111111111111111";

    public static DoiSnapshot Full() => new()
    {
        Repo = new DoiRepoState
        {
            Id = Guid.Parse("0190aaaa-0000-7000-8000-000000000001"),
            Slug = "walker",
            Name = "Walker",
            DomainSlug = "platform",
            DomainStatus = DomainStatus.Active,
            Status = RepoStatus.Active,
            LocalPath = "/srv/walker",
            HostPaths = new Dictionary<string, string> { [Host] = "/work/walker", ["laptop"] = "/home/me/walker" },
            RemoteUrl = "git@example.com:org/walker.git",
            GitFingerprint = Root,
            LastSbomAt = Now.AddDays(-1),
            LastStateSyncedAt = Now.AddDays(-1),
            UpdatedAt = Now.AddDays(-1),
        },
        HostName = Host,
        Hub = new DoiHubState
        {
            GoalCount = 2,
            ActiveGoalCount = 1,
            GoalsLatestUpdatedAt = Now.AddDays(-2),
            TpscCount = 1,
            TpscLatestAt = Now.AddDays(-3),
            UnreadInboxCount = 1,
            OldestUnreadInboxAt = Now.AddDays(-1),
            WorkstreamCount = 1,
            WorkstreamsLatestUpdatedAt = Now.AddDays(-4),
            TaskCount = 3,
            TasksLatestUpdatedAt = Now.AddDays(-4),
        },
        Disk = new DoiDiskProbe
        {
            RootPath = "/work/walker",
            Files =
            [
                new DoiFileStamp(".ci/run", 20, Now.AddDays(-9)),
                new DoiFileStamp("AGENTS.md", 100, Now.AddDays(-9)),
                new DoiFileStamp("README.md", 200, Now.AddDays(-9)),
                new DoiFileStamp("workplans/WP-1.md", 300, Now.AddDays(-8)),
            ],
            Git = new GitHeadState("2222222222222222222222222222222222222222", false, null),
        },
        Report = new DoiFactsReportState
        {
            RootFiles = ["AGENTS.md"],
            RootCommit = Root,
            CollectedAt = Now.AddDays(-5),
            ReceivedAt = Now.AddDays(-5),
        },
        Now = Now,
    };

    /// <summary>Facts that make every criterion pass for <see cref="Full"/>.</summary>
    public static DoiDerivedFacts Derived() => new()
    {
        RootCommits = new GitRootCommits([Root], null),
        RunWorkplanCriteria = true,
        Workplans = new WorkplanConsistency(1, [], []),
    };
}

using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;

namespace StateHub.Application.Doi;

/// <summary>The repo's own fields that criteria or the fingerprint read.</summary>
public sealed record DoiRepoState
{
    public Guid Id { get; init; }

    public string Slug { get; init; } = null!;

    public string Name { get; init; } = null!;

    public string DomainSlug { get; init; } = null!;

    public DomainStatus DomainStatus { get; init; }

    public RepoStatus Status { get; init; }

    public string? LocalPath { get; init; }

    public IReadOnlyDictionary<string, string> HostPaths { get; init; } = new Dictionary<string, string>();

    public string? RemoteUrl { get; init; }

    public string? GitFingerprint { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? LastSbomAt { get; init; }

    public DateTimeOffset? LastStateSyncedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The repo's state, with its domain's slug and status (the domain is passed because projections do not fix navigations up).</summary>
    public static DoiRepoState From(ManagedRepo repo, RepoDomain domain) => new()
    {
        Id = repo.Id,
        Slug = repo.Slug,
        Name = repo.Name,
        DomainSlug = domain.Slug,
        DomainStatus = domain.Status,
        Status = repo.Status,
        LocalPath = repo.LocalPath,
        HostPaths = repo.HostPaths.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        RemoteUrl = repo.RemoteUrl,
        GitFingerprint = repo.GitFingerprint,
        Description = repo.Description,
        LastSbomAt = repo.LastSbomAt,
        LastStateSyncedAt = repo.LastStateSyncedAt,
        UpdatedAt = repo.UpdatedAt,
    };
}

/// <summary>What the hub holds about a repo beyond the repo row: goals, TPSC snapshots, inbox, workstreams and tasks.</summary>
public sealed record DoiHubState
{
    public int GoalCount { get; init; }

    public int ActiveGoalCount { get; init; }

    public DateTimeOffset? GoalsLatestUpdatedAt { get; init; }

    public int TpscCount { get; init; }

    public DateTimeOffset? TpscLatestAt { get; init; }

    public int UnreadInboxCount { get; init; }

    public DateTimeOffset? OldestUnreadInboxAt { get; init; }

    public int WorkstreamCount { get; init; }

    public DateTimeOffset? WorkstreamsLatestUpdatedAt { get; init; }

    public int TaskCount { get; init; }

    public DateTimeOffset? TasksLatestUpdatedAt { get; init; }
}

/// <summary>The latest facts report an agent pushed (PUT /repos/{slug}/facts).</summary>
public sealed record DoiFactsReportState
{
    public IReadOnlyList<string> RootFiles { get; init; } = [];

    public string? RootCommit { get; init; }

    public DateTimeOffset CollectedAt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The pushed workplan files as stored (a JSON array of {path, content}); null when not loaded.</summary>
    public string? WorkplanFilesJson { get; init; }
}

/// <summary>A file that matters to a criterion: where it is, how big, when it last changed.</summary>
public sealed record DoiFileStamp(string Path, long Length, DateTimeOffset LastModifiedUtc);

/// <summary>
/// The cheap disk facts of a readable repo directory: the key files present, with sizes and
/// modification times, and where HEAD points. Enough to fingerprint; the expensive facts (root
/// commits, workplan contents) are only read when the fingerprint misses.
/// </summary>
public sealed record DoiDiskProbe
{
    public string RootPath { get; init; } = null!;

    /// <summary>Key files present (agent instructions, README, CI files, workplan files), sorted by path.</summary>
    public IReadOnlyList<DoiFileStamp> Files { get; init; } = [];

    public GitHeadState Git { get; init; } = new(null, false, "not read");
}

/// <summary>Every input of every criterion, at one moment. Evaluation and fingerprint are pure functions of it.</summary>
public sealed record DoiSnapshot
{
    public DoiRepoState Repo { get; init; } = null!;

    /// <summary>This hub host's name, the key into host_paths.</summary>
    public string HostName { get; init; } = null!;

    public DoiHubState Hub { get; init; } = new();

    /// <summary>Facts from the repo directory on this host; null when it is not readable here.</summary>
    public DoiDiskProbe? Disk { get; init; }

    /// <summary>The latest pushed facts report, if any; used only when <see cref="Disk"/> is null.</summary>
    public DoiFactsReportState? Report { get; init; }

    public DateTimeOffset Now { get; init; }

    /// <summary>The path this host reads the repo from: its host_paths entry, else local_path.</summary>
    public string? PathOnHost =>
        Repo.HostPaths.TryGetValue(HostName, out var path) && !string.IsNullOrWhiteSpace(path) ? path : Repo.LocalPath;

    /// <summary>The snapshot of one repo's database inputs, as seen from <paramref name="hostName"/> at <paramref name="now"/>.</summary>
    public static DoiSnapshot Create(DoiRepoInputs inputs, string hostName, DoiDiskProbe? disk, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new DoiSnapshot
        {
            Repo = inputs.State,
            HostName = hostName,
            Hub = inputs.Hub,
            Disk = disk,
            Report = inputs.FactsReport,
            Now = now,
        };
    }

    public DoiDiskFactsSource DiskFactsSource =>
        Disk is not null ? DoiDiskFactsSource.Directory
        : Report is not null ? DoiDiskFactsSource.FactsReport
        : DoiDiskFactsSource.None;
}

/// <summary>Where the disk criteria (C4–C7, C11–C13) got their facts.</summary>
public enum DoiDiskFactsSource
{
    /// <summary>The repo directory on this host.</summary>
    Directory,

    /// <summary>The latest facts report the repo's agent pushed.</summary>
    FactsReport,

    /// <summary>Neither: the disk criteria fail.</summary>
    None,
}

/// <summary>The expensive facts, read only when an evaluation runs.</summary>
public sealed record DoiDerivedFacts
{
    /// <summary>Root commits read from the directory's .git; null when the directory is not readable.</summary>
    public GitRootCommits? RootCommits { get; init; }

    /// <summary>False in the fleet summary, which skips C7 and C13.</summary>
    public bool RunWorkplanCriteria { get; init; }

    /// <summary>How the workplan files compare with the hub; null when not run or when there are no disk facts.</summary>
    public WorkplanConsistency? Workplans { get; init; }
}

/// <summary>The outcome of comparing a repo's workplan files with the hub, in words for the C7 and C13 details.</summary>
public sealed record WorkplanConsistency(
    int FileCount,
    IReadOnlyList<string> Disagreements,
    IReadOnlyList<string> Orphans);

using StateHub.Domain.Doi;

namespace StateHub.Application.Doi;

/// <summary>A DoI criterion: its id, what it checks, and the tier it belongs to.</summary>
public sealed record DoiCriterionDefinition(string Id, string Label, DoiTier Tier);

/// <summary>The 14 criteria of the Definition of Integration (spec §5), and the time limits they use.</summary>
public static class DoiCriteria
{
    /// <summary>An SBOM older than this fails C8.</summary>
    public static readonly TimeSpan SbomMaxAge = TimeSpan.FromDays(30);

    /// <summary>How far in the future an SBOM time may lie and still count as now, for clocks that disagree; later fails C8.</summary>
    public static readonly TimeSpan SbomClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>A last sync this old or older fails C13.</summary>
    public static readonly TimeSpan SyncMaxAge = TimeSpan.FromDays(7);

    /// <summary>An unread inbox message older than this fails C14.</summary>
    public static readonly TimeSpan InboxMaxUnreadAge = TimeSpan.FromDays(7);

    public static readonly DoiCriterionDefinition C1 = new("C1", "Domain exists and is active", DoiTier.Core);
    public static readonly DoiCriterionDefinition C2 = new("C2", "Remote URL recorded", DoiTier.Core);
    public static readonly DoiCriterionDefinition C3 = new("C3", "Git fingerprint recorded", DoiTier.Core);
    public static readonly DoiCriterionDefinition C4 = new("C4", "Repo directory readable on this host", DoiTier.Core);
    public static readonly DoiCriterionDefinition C5 = new("C5", "Agent instructions at the root (AGENTS.md or CLAUDE.md)", DoiTier.Core);
    public static readonly DoiCriterionDefinition C6 = new("C6", "README.md at the root", DoiTier.Standard);
    public static readonly DoiCriterionDefinition C7 = new("C7", "Workplan files and the hub agree", DoiTier.Standard);
    public static readonly DoiCriterionDefinition C8 = new("C8", "SBOM produced in the last 30 days", DoiTier.Standard);
    public static readonly DoiCriterionDefinition C9 = new("C9", "TPSC snapshot recorded", DoiTier.Standard);
    public static readonly DoiCriterionDefinition C10 = new("C10", "An active goal", DoiTier.Standard);
    public static readonly DoiCriterionDefinition C11 = new("C11", "Git fingerprint is the root commit on disk", DoiTier.Full);
    public static readonly DoiCriterionDefinition C12 = new("C12", "CI configuration present", DoiTier.Full);
    public static readonly DoiCriterionDefinition C13 = new("C13", "No orphaned work in the hub, synced in the last 7 days", DoiTier.Full);
    public static readonly DoiCriterionDefinition C14 = new("C14", "Inbox kept up: no unread message older than 7 days", DoiTier.Full);

    public static IReadOnlyList<DoiCriterionDefinition> All { get; } = [C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, C12, C13, C14];

    /// <summary>
    /// The criteria the fleet summary does not run (they read the repo's workstreams, one query per repo): its own
    /// evaluations mark them skip, and only GET /repos/{slug}/doi runs them.
    /// </summary>
    public static IReadOnlyList<DoiCriterionDefinition> SkippedInSummary { get; } = [C7, C13];

    /// <summary>Files at the root that hold agent instructions (C5).</summary>
    public static IReadOnlyList<string> AgentInstructionFiles { get; } = ["AGENTS.md", "CLAUDE.md"];

    public const string ReadmeFile = "README.md";

    /// <summary>Single-file CI configurations (C12); workflow files under <see cref="GitHubWorkflowsFolder"/> count too.</summary>
    public static IReadOnlyList<string> CiFiles { get; } = [".gitlab-ci.yml", ".ci/run"];

    public const string GitHubWorkflowsFolder = ".github/workflows";

    public const string WorkplansFolder = "workplans";

    /// <summary>True when the SBOM is missing or older than <see cref="SbomMaxAge"/>: C8's time bucket.</summary>
    public static bool SbomStale(DateTimeOffset? lastSbomAt, DateTimeOffset now) =>
        lastSbomAt is null || now - lastSbomAt.Value > SbomMaxAge;

    /// <summary>
    /// True when the SBOM time lies more than <see cref="SbomClockSkew"/> ahead of now: no SBOM was made
    /// then, so C8 cannot call it fresh. Part of C8's time bucket: it flips once the time comes in range.
    /// </summary>
    public static bool SbomInFuture(DateTimeOffset? lastSbomAt, DateTimeOffset now) =>
        lastSbomAt is not null && lastSbomAt.Value - now > SbomClockSkew;

    /// <summary>True when the repo was never synced, or last synced <see cref="SyncMaxAge"/> ago or more: C13's time bucket.</summary>
    public static bool SyncStale(DateTimeOffset? lastSyncedAt, DateTimeOffset now) =>
        lastSyncedAt is null || now - lastSyncedAt.Value >= SyncMaxAge;

    /// <summary>True when the oldest unread message is older than <see cref="InboxMaxUnreadAge"/>: C14's time bucket.</summary>
    public static bool InboxOverdue(DateTimeOffset? oldestUnreadAt, DateTimeOffset now) =>
        oldestUnreadAt is not null && now - oldestUnreadAt.Value > InboxMaxUnreadAge;

    /// <summary>Whether <paramref name="path"/> (root-relative, '/'-separated) is a CI configuration file.</summary>
    public static bool IsCiFile(string path) =>
        CiFiles.Contains(path, StringComparer.Ordinal)
        || (path.StartsWith(GitHubWorkflowsFolder + "/", StringComparison.Ordinal)
            && path.IndexOf('/', GitHubWorkflowsFolder.Length + 1) < 0
            && (path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal)));

    /// <summary>Whether <paramref name="path"/> is a workplan file (<c>workplans/*.md</c>).</summary>
    public static bool IsWorkplanFile(string path) =>
        path.StartsWith(WorkplansFolder + "/", StringComparison.Ordinal)
        && path.IndexOf('/', WorkplansFolder.Length + 1) < 0
        && path.EndsWith(".md", StringComparison.Ordinal);
}

using StateHub.Domain.Common;

namespace StateHub.Domain.Repos;

/// <summary>
/// The latest disk facts an agent pushed for its repo (PUT /repos/{slug}/facts), used when the
/// hub host cannot read the repo directory itself. One row per repo; a new report replaces the old.
/// </summary>
public sealed class RepoFactsReport
{
    public const int MaxRootFiles = 5000;
    public const int MaxPathLength = 1024;

    private RepoFactsReport()
    {
    }

    public Guid RepoId { get; private set; }

    /// <summary>Names of files and folders present at the repo root.</summary>
    public IReadOnlyList<string> RootFiles { get; private set; } = [];

    /// <summary>Workplan files as a JSON array of {path, content}, stored as jsonb.</summary>
    public string WorkplanFiles { get; private set; } = "[]";

    public string? RootCommit { get; private set; }

    public DateTimeOffset CollectedAt { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public static RepoFactsReport Create(Guid repoId, IEnumerable<string> rootFiles, string workplanFilesJson, string? rootCommit, DateTimeOffset collectedAt, DateTimeOffset receivedAt)
    {
        var report = new RepoFactsReport { RepoId = repoId };
        report.Replace(rootFiles, workplanFilesJson, rootCommit, collectedAt, receivedAt);
        return report;
    }

    /// <summary>A commit id: 40 (SHA-1) or 64 (SHA-256) hexadecimal digits, either case.</summary>
    public static bool IsCommitId(string? value) =>
        value is { Length: 40 or 64 } && value.All(char.IsAsciiHexDigit);

    public void Replace(IEnumerable<string> rootFiles, string workplanFilesJson, string? rootCommit, DateTimeOffset collectedAt, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(rootFiles);
        var files = rootFiles.Select(f => f.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (files.Count > MaxRootFiles)
            throw new DomainValidationException("root_files", $"'root_files' may list at most {MaxRootFiles} entries.");
        var commit = string.IsNullOrWhiteSpace(rootCommit) ? null : rootCommit.Trim().ToLowerInvariant();
        if (commit is not null && !IsCommitId(commit))
            throw new DomainValidationException("root_commit", "'root_commit' must be 40 or 64 hexadecimal digits.");
        RootFiles = files.AsReadOnly();
        WorkplanFiles = workplanFilesJson;
        RootCommit = commit;
        CollectedAt = collectedAt;
        ReceivedAt = receivedAt;
    }
}

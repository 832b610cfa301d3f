namespace StateHub.Domain.Repos;

/// <summary>
/// The latest disk facts an agent pushed for its repo (PUT /repos/{slug}/facts), used when the
/// hub host cannot read the repo directory itself. One row per repo; a new report replaces the old.
/// </summary>
public sealed class RepoFactsReport
{
    private RepoFactsReport()
    {
    }

    public Guid RepoId { get; private set; }

    /// <summary>Names of files and folders present at the repo root.</summary>
    public List<string> RootFiles { get; private set; } = [];

    /// <summary>Workplan files as a JSON array of {path, content}, stored as jsonb.</summary>
    public string WorkplanFiles { get; private set; } = "[]";

    public string? RootCommit { get; private set; }

    public DateTimeOffset CollectedAt { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public static RepoFactsReport Create(Guid repoId, IEnumerable<string> rootFiles, string workplanFilesJson, string? rootCommit, DateTimeOffset collectedAt, DateTimeOffset receivedAt) =>
        new()
        {
            RepoId = repoId,
            RootFiles = rootFiles.ToList(),
            WorkplanFiles = workplanFilesJson,
            RootCommit = rootCommit,
            CollectedAt = collectedAt,
            ReceivedAt = receivedAt,
        };

    public void Replace(IEnumerable<string> rootFiles, string workplanFilesJson, string? rootCommit, DateTimeOffset collectedAt, DateTimeOffset receivedAt)
    {
        RootFiles = rootFiles.ToList();
        WorkplanFiles = workplanFilesJson;
        RootCommit = rootCommit;
        CollectedAt = collectedAt;
        ReceivedAt = receivedAt;
    }
}

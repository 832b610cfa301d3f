namespace StateHub.Domain.Doi;

/// <summary>The last DoI evaluation of one repo, valid while its fingerprint matches.</summary>
public sealed class DoiCacheEntry
{
    private DoiCacheEntry()
    {
    }

    public Guid RepoId { get; private set; }

    public DoiTier Tier { get; private set; }

    public bool CorePass { get; private set; }

    public bool StandardPass { get; private set; }

    public bool FullPass { get; private set; }

    /// <summary>The criteria results as a JSON array, stored as jsonb.</summary>
    public string Criteria { get; private set; } = "[]";

    public string Fingerprint { get; private set; } = null!;

    public DateTimeOffset CheckedAt { get; private set; }

    public static DoiCacheEntry Create(Guid repoId, DoiTier tier, bool corePass, bool standardPass, bool fullPass, string criteriaJson, string fingerprint, DateTimeOffset checkedAt) =>
        new()
        {
            RepoId = repoId,
            Tier = tier,
            CorePass = corePass,
            StandardPass = standardPass,
            FullPass = fullPass,
            Criteria = criteriaJson,
            Fingerprint = fingerprint,
            CheckedAt = checkedAt,
        };
}

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

    /// <summary>True when every criterion ran; false for a fleet-summary evaluation, which skips C7 and C13.</summary>
    public bool FullEvaluation { get; private set; }

    /// <summary>
    /// The failing criteria of the tier above <see cref="Tier"/> (what the summary shows without the criteria),
    /// decided with the tier; null on rows written before it was stored, whose criteria are read instead.
    /// </summary>
    public string[]? NextTierBlockers { get; private set; }

    public static DoiCacheEntry Create(Guid repoId, DoiTier tier, bool corePass, bool standardPass, bool fullPass, string criteriaJson, string fingerprint, DateTimeOffset checkedAt, bool fullEvaluation, IReadOnlyList<string>? nextTierBlockers = null) =>
        new()
        {
            NextTierBlockers = nextTierBlockers?.ToArray(),
            FullEvaluation = fullEvaluation,
            RepoId = repoId,
            Tier = tier,
            CorePass = corePass,
            StandardPass = standardPass,
            FullPass = fullPass,
            Criteria = criteriaJson,
            Fingerprint = fingerprint,
            CheckedAt = checkedAt,
        };

    /// <summary>
    /// Whether this entry may answer for inputs whose fingerprint is <paramref name="fingerprint"/>:
    /// only while it matches, and, when every criterion must have run, only if they all did.
    /// </summary>
    public bool Serves(string fingerprint, bool requireFullEvaluation) =>
        string.Equals(Fingerprint, fingerprint, StringComparison.Ordinal) && (FullEvaluation || !requireFullEvaluation);
}

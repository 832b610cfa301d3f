using StateHub.Domain.Doi;

namespace StateHub.Application.Doi;

/// <summary>Turns evaluations and cache entries into cache rows and wire DTOs.</summary>
internal static class DoiResults
{
    public static DoiCacheEntry ToCacheEntry(Guid repoId, DoiEvaluation evaluation, string fingerprint, DateTimeOffset checkedAt, bool fullEvaluation)
    {
        var outcome = evaluation.Outcome;
        return DoiCacheEntry.Create(repoId, outcome.Tier, outcome.CorePass, outcome.StandardPass, outcome.FullPass,
            DoiJson.SerializeCriteria(evaluation.Criteria), fingerprint, checkedAt, fullEvaluation, outcome.NextTierBlockers);
    }

    public static DoiReportDto Report(DoiSnapshot snapshot, IReadOnlyList<DoiCriterionDto> criteria, DateTimeOffset checkedAt, string fingerprint, bool cached)
    {
        var outcome = DoiTierRules.Decide(criteria.Select(c => c.ToVerdict()));
        return new DoiReportDto
        {
            RepoSlug = snapshot.Repo.Slug,
            Tier = outcome.Tier,
            CorePass = outcome.CorePass,
            StandardPass = outcome.StandardPass,
            FullPass = outcome.FullPass,
            CheckedAt = checkedAt,
            Criteria = criteria,
            NextTier = outcome.NextTier,
            NextTierBlockers = outcome.NextTierBlockers,
            Cached = cached,
            DiskFactsSource = snapshot.DiskFactsSource,
            Fingerprint = fingerprint,
        };
    }

    public static DoiSummaryEntryDto SummaryEntry(DoiRepoState repo, IReadOnlyList<DoiCriterionDto> criteria, DateTimeOffset checkedAt, bool cached, bool fullEvaluation, bool includeCriteria = true) =>
        SummaryEntry(repo, criteria.Select(c => c.ToVerdict()), includeCriteria ? criteria : null, checkedAt, cached, fullEvaluation);

    /// <summary>
    /// An entry from a cache row's stored decision (tier, passes, next-tier blockers), without reading its criteria;
    /// null for a row written before the blockers were stored.
    /// </summary>
    public static DoiSummaryEntryDto? SummaryEntryFromStoredDecision(DoiRepoState repo, DoiCacheEntry cached) =>
        cached.NextTierBlockers is not { } blockers
            ? null
            : new DoiSummaryEntryDto
            {
                RepoSlug = repo.Slug,
                DomainSlug = repo.DomainSlug,
                Tier = cached.Tier,
                CorePass = cached.CorePass,
                StandardPass = cached.StandardPass,
                FullPass = cached.FullPass,
                CheckedAt = cached.CheckedAt,
                NextTierBlockers = blockers,
                Criteria = null,
                Cached = true,
                FullEvaluation = cached.FullEvaluation,
            };

    /// <summary>An entry decided from the verdicts alone; <paramref name="criteria"/> only for the wire (null leaves them out).</summary>
    public static DoiSummaryEntryDto SummaryEntry(DoiRepoState repo, IEnumerable<CriterionVerdict> verdicts, IReadOnlyList<DoiCriterionDto>? criteria, DateTimeOffset checkedAt, bool cached, bool fullEvaluation)
    {
        var outcome = DoiTierRules.Decide(verdicts);
        return new DoiSummaryEntryDto
        {
            RepoSlug = repo.Slug,
            DomainSlug = repo.DomainSlug,
            Tier = outcome.Tier,
            CorePass = outcome.CorePass,
            StandardPass = outcome.StandardPass,
            FullPass = outcome.FullPass,
            CheckedAt = checkedAt,
            NextTierBlockers = outcome.NextTierBlockers,
            Criteria = criteria,
            Cached = cached,
            FullEvaluation = fullEvaluation,
        };
    }
}

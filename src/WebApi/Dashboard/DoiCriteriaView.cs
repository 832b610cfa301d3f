using StateHub.Application.Doi;
using StateHub.Domain.Doi;

namespace StateHub.WebApi.Dashboard;

/// <summary>
/// What the criteria table (Shared/_DoiCriteria) shows: a full report's criteria, or a fleet summary entry's. A summary
/// entry from the summary's own evaluation did not run C7 and C13; the table then says so and links to the repo page,
/// which shows the full report.
/// </summary>
public sealed record DoiCriteriaView
{
    public IReadOnlyList<DoiCriterionDto> Criteria { get; private init; } = [];

    public DoiTier? NextTier { get; private init; }

    public IReadOnlyList<string> NextTierBlockers { get; private init; } = [];

    /// <summary>The repo page, when some criteria were not run here; null for a full evaluation.</summary>
    public string? FullReportPath { get; private init; }

    /// <summary>The ids of the criteria the fleet summary skipped, in table order; empty for a full evaluation.</summary>
    public IReadOnlyList<string> SkippedHere { get; private init; } = [];

    public static DoiCriteriaView From(DoiReportDto report) => new()
    {
        Criteria = report.Criteria,
        NextTier = report.NextTier,
        NextTierBlockers = report.NextTierBlockers,
    };

    /// <summary>A summary entry asked for with its criteria (the dashboard always asks).</summary>
    public static DoiCriteriaView From(DoiSummaryEntryDto entry)
    {
        var criteria = entry.Criteria ?? [];
        var skipped = entry.FullEvaluation
            ? []
            : criteria
                .Where(c => c.Status == CriterionStatus.Skip && DoiCriteria.SkippedInSummary.Any(d => d.Id == c.Id))
                .Select(c => c.Id)
                .ToList();
        return new DoiCriteriaView
        {
            Criteria = criteria,
            NextTier = DoiTierRules.Decide(criteria.Select(c => c.ToVerdict())).NextTier,
            NextTierBlockers = entry.NextTierBlockers,
            FullReportPath = skipped.Count == 0 ? null : $"/dashboard/repos/{Uri.EscapeDataString(entry.RepoSlug)}",
            SkippedHere = skipped,
        };
    }

    public bool WasSkippedHere(DoiCriterionDto criterion) => SkippedHere.Contains(criterion.Id);
}

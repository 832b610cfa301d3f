using System.Text.Json.Serialization;
using StateHub.Domain.Doi;

namespace StateHub.Application.Doi;

/// <summary>One criterion's result on the wire.</summary>
public sealed record DoiCriterionDto
{
    /// <summary>C1 … C14.</summary>
    public string Id { get; init; } = null!;

    public string Label { get; init; } = null!;

    /// <summary>The tier the criterion belongs to: core, standard or full.</summary>
    public DoiTier Tier { get; init; }

    public CriterionStatus Status { get; init; }

    /// <summary>What was found; for a failure, how to fix it.</summary>
    public string Detail { get; init; } = null!;

    public static DoiCriterionDto From(DoiCriterionResult result) => new()
    {
        Id = result.Id,
        Label = result.Label,
        Tier = result.Tier,
        Status = result.Status,
        Detail = result.Detail,
    };

    public CriterionVerdict ToVerdict() => new(Id, Tier, Status);
}

/// <summary>A repo's full DoI report (GET /repos/{slug}/doi).</summary>
public sealed record DoiReportDto
{
    public string RepoSlug { get; init; } = null!;

    /// <summary>none, core, standard or full.</summary>
    public DoiTier Tier { get; init; }

    /// <summary>No core criterion fails.</summary>
    public bool CorePass { get; init; }

    /// <summary>No standard criterion fails.</summary>
    public bool StandardPass { get; init; }

    /// <summary>No full criterion fails.</summary>
    public bool FullPass { get; init; }

    /// <summary>When the criteria were evaluated (earlier than now when the report comes from the cache).</summary>
    public DateTimeOffset CheckedAt { get; init; }

    public IReadOnlyList<DoiCriterionDto> Criteria { get; init; } = [];

    /// <summary>The tier above the current one; null at full.</summary>
    public DoiTier? NextTier { get; init; }

    /// <summary>The ids of the failing criteria that keep the repo from <see cref="NextTier"/>.</summary>
    public IReadOnlyList<string> NextTierBlockers { get; init; } = [];

    /// <summary>True when the report was served from the cache (its inputs have not changed since <see cref="CheckedAt"/>).</summary>
    public bool Cached { get; init; }

    /// <summary>Where the disk criteria got their facts: directory, facts_report or none.</summary>
    public DoiDiskFactsSource DiskFactsSource { get; init; }

    /// <summary>The hash of every input of every criterion that this report answers for.</summary>
    public string Fingerprint { get; init; } = null!;
}

/// <summary>One repo in the fleet summary (GET /repos/doi/summary).</summary>
public sealed record DoiSummaryEntryDto
{
    public string RepoSlug { get; init; } = null!;

    public string DomainSlug { get; init; } = null!;

    public DoiTier Tier { get; init; }

    public bool CorePass { get; init; }

    public bool StandardPass { get; init; }

    public bool FullPass { get; init; }

    public DateTimeOffset CheckedAt { get; init; }

    /// <summary>The ids of the failing criteria that keep the repo from the next tier.</summary>
    public IReadOnlyList<string> NextTierBlockers { get; init; } = [];

    /// <summary>
    /// Every criterion behind the tier, as in the full report; only with <c>?include=criteria</c> (left out
    /// otherwise, as the Python service's entries have it). When full_evaluation is false, C7 and C13 are skip,
    /// and their detail points to GET /repos/{slug}/doi, which runs them.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DoiCriterionDto>? Criteria { get; init; }

    /// <summary>True when the entry was served from the cache.</summary>
    public bool Cached { get; init; }

    /// <summary>True when every criterion ran; false when C7 and C13 were skipped (the summary's own evaluations).</summary>
    public bool FullEvaluation { get; init; }
}

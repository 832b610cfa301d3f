using StateHub.Domain.Common;

namespace StateHub.Domain.Events;

/// <summary>An entry on a repo's timeline: what happened, in a sentence, with structured data.</summary>
public sealed class ProgressEvent : Entity
{
    public const int KindMaxLength = 100;
    public const int SummaryMaxLength = 4000;

    private ProgressEvent()
    {
    }

    public Guid RepoId { get; private set; }

    public string Kind { get; private set; } = null!;

    public string Summary { get; private set; } = null!;

    /// <summary>A JSON object, stored as jsonb.</summary>
    public string Data { get; private set; } = "{}";

    public static ProgressEvent Create(Guid repoId, string kind, string summary, string? dataJson = null) =>
        new()
        {
            RepoId = repoId,
            Kind = Guard.Required(kind, "kind", KindMaxLength),
            Summary = Guard.Required(summary, "summary", SummaryMaxLength),
            Data = string.IsNullOrWhiteSpace(dataJson) ? "{}" : dataJson,
        };
}

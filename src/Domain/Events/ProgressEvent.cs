using StateHub.Domain.Common;

namespace StateHub.Domain.Events;

/// <summary>An entry on a repo's timeline: what happened, in a sentence, with structured data.</summary>
public sealed class ProgressEvent : Entity, IHasActor
{
    public const int KindMaxLength = 100;
    public const int SummaryMaxLength = 4000;

    private ProgressEvent()
    {
    }

    public Guid RepoId { get; private set; }

    /// <summary>Who caused it (see <see cref="IHasActor"/>); <c>system</c> for background work.</summary>
    public string Actor { get; private set; } = "system";

    public const int ActorMaxLength = 100;

    public void StampActor(string actor)
    {
        if (!_actorStamped)
            Actor = actor.Length > ActorMaxLength ? actor[..ActorMaxLength] : actor;
        _actorStamped = true;
    }

    private bool _actorStamped;

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

using StateHub.Domain.Common;

namespace StateHub.Domain.Tpsc;

/// <summary>An inventory of a repo's third-party software components at one moment.</summary>
public sealed class TpscSnapshot : Entity
{
    public const int MaxComponents = 20_000;

    private TpscSnapshot()
    {
    }

    public Guid RepoId { get; private set; }

    public DateTimeOffset SnapshotAt { get; private set; }

    public IReadOnlyList<TpscComponent> Components { get; private set; } = [];

    public static TpscSnapshot Create(Guid repoId, DateTimeOffset snapshotAt, IReadOnlyList<TpscComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count > MaxComponents)
            throw new DomainValidationException("components", $"A snapshot holds at most {MaxComponents} components.");
        return new TpscSnapshot { RepoId = repoId, SnapshotAt = snapshotAt, Components = components.ToList() };
    }
}

using StateHub.Domain.Common;

namespace StateHub.Domain.InterfaceChanges;

/// <summary>
/// A change to an interface one repo offers, which other repos must react to.
/// Lifecycle: draft → published → resolved; nothing else.
/// </summary>
public sealed class InterfaceChange : Entity
{
    public const int TitleMaxLength = 300;
    public const int DescriptionMaxLength = 20_000;
    public const int ResolutionNoteMaxLength = 8000;
    public const int MaxAffectedRepos = 500;
    public const int MaxAffectedPaths = 500;
    public const int PathMaxLength = 1024;

    private readonly List<InterfaceChangeConsumer> _consumers = [];

    private InterfaceChange()
    {
    }

    public Guid OriginRepoId { get; private set; }

    public string Title { get; private set; } = null!;

    public string? Description { get; private set; }

    public ChangeType ChangeType { get; private set; }

    public InterfaceType InterfaceType { get; private set; }

    public IReadOnlyList<string> AffectedRepoSlugs { get; private set; } = [];

    public IReadOnlyList<string> AffectedPaths { get; private set; } = [];

    public DateOnly? PlannedFor { get; private set; }

    public InterfaceChangeStatus Status { get; private set; } = InterfaceChangeStatus.Draft;

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? ResolutionNote { get; private set; }

    /// <summary>Resolved while some consumers were still notified or acknowledged.</summary>
    public bool ResolutionForced { get; private set; }

    /// <summary>One per affected repo from publication on, by slug: how far each has come with the change.</summary>
    public IReadOnlyList<InterfaceChangeConsumer> Consumers => _consumers;

    /// <summary>The consumers still notified or acknowledged, by slug.</summary>
    public IReadOnlyList<string> PendingConsumerSlugs =>
        Consumers.Where(c => c.IsPending).Select(c => c.RepoSlug).Order(StringComparer.Ordinal).ToList();

    public static InterfaceChange Draft(
        Guid originRepoId,
        string title,
        string? description,
        ChangeType changeType,
        InterfaceType interfaceType,
        IEnumerable<string>? affectedRepoSlugs,
        IEnumerable<string>? affectedPaths,
        DateOnly? plannedFor)
    {
        var change = new InterfaceChange { OriginRepoId = originRepoId };
        change.Apply(title, description, changeType, interfaceType, affectedRepoSlugs, affectedPaths, plannedFor);
        return change;
    }

    /// <summary>Edits a draft. Published and resolved changes are history and cannot be edited.</summary>
    public void Edit(
        string title,
        string? description,
        ChangeType changeType,
        InterfaceType interfaceType,
        IEnumerable<string>? affectedRepoSlugs,
        IEnumerable<string>? affectedPaths,
        DateOnly? plannedFor)
    {
        if (Status != InterfaceChangeStatus.Draft)
            throw new InvalidTransitionException($"Only a draft can be edited; this change is {Status.ToString().ToLowerInvariant()}.");
        Apply(title, description, changeType, interfaceType, affectedRepoSlugs, affectedPaths, plannedFor);
    }

    public void Publish(DateTimeOffset now)
    {
        if (Status != InterfaceChangeStatus.Draft)
            throw new InvalidTransitionException($"Only a draft can be published; this change is {Status.ToString().ToLowerInvariant()}.");
        Status = InterfaceChangeStatus.Published;
        PublishedAt = now;
        _consumers.Clear();
        _consumers.AddRange(AffectedRepoSlugs.Order(StringComparer.Ordinal).Select(slug => InterfaceChangeConsumer.Notified(slug, now)));
        Raise(new InterfaceChangePublished(this));
    }

    /// <summary>
    /// Resolves a published change. While any consumer is still notified or acknowledged it is
    /// refused, naming them, unless <paramref name="force"/> is set with a note saying why.
    /// </summary>
    public void Resolve(string? resolutionNote, DateTimeOffset now, bool force = false)
    {
        if (Status != InterfaceChangeStatus.Published)
            throw new InvalidTransitionException($"Only a published change can be resolved; this change is {Status.ToString().ToLowerInvariant()}.");
        var pending = PendingConsumerSlugs;
        if (pending.Count > 0 && !force)
        {
            throw new InvalidTransitionException(
                $"Cannot resolve: {pending.Count} consumer{(pending.Count == 1 ? " has" : "s have")} not finished: "
                + $"{string.Join(", ", pending)}. Wait until each is migrated or not_affected, or resolve with "
                + "{\"force\": true, \"resolution_note\": \"why\"}.");
        }

        if (pending.Count > 0 && string.IsNullOrWhiteSpace(resolutionNote))
            throw new DomainValidationException("resolution_note", "A forced resolution needs a resolution_note saying why it cannot wait for the pending consumers.");
        ResolutionNote = Guard.Optional(resolutionNote, "resolution_note", ResolutionNoteMaxLength);
        ResolutionForced = pending.Count > 0;
        Status = InterfaceChangeStatus.Resolved;
        ResolvedAt = now;
        Raise(new InterfaceChangeResolved(this));
    }

    /// <summary>
    /// Records where one affected repo stands with this published change (see
    /// <see cref="InterfaceChangeConsumer"/> for the moves allowed). Returns true when this move
    /// finished the last pending consumer (and raises <see cref="InterfaceChangeConsumersDone"/>:
    /// the origin should hear that everyone is done). Raises <see cref="InterfaceChangeAcknowledged"/>
    /// when the consumer's status moved (a repeat, or a new note alone, raises nothing).
    /// </summary>
    public bool Acknowledge(string repoSlug, ConsumerStatus status, string? note, DateTimeOffset now)
    {
        if (Status != InterfaceChangeStatus.Published)
            throw new InvalidTransitionException($"Only a published change can be acknowledged; this change is {EnumWire.Name(Status)}.");
        if (!IsAffected(repoSlug))
            throw new DomainValidationException("repo_slug", $"Repo '{repoSlug}' is not affected by this change.");

        // Changes published before consumers were tracked: every affected repo was notified on publication.
        foreach (var slug in AffectedRepoSlugs.Where(s => Consumers.All(c => c.RepoSlug != s)))
            _consumers.Add(InterfaceChangeConsumer.Notified(slug, PublishedAt ?? now));

        var wasPending = Consumers.Any(c => c.IsPending);
        var consumer = Consumers.Single(c => c.RepoSlug == repoSlug);
        if (consumer.MoveTo(status, note, now))
            Raise(new InterfaceChangeAcknowledged(this, consumer));
        var allDone = wasPending && Consumers.All(c => !c.IsPending);
        if (allDone)
            Raise(new InterfaceChangeConsumersDone(this));
        return allDone;
    }

    public bool IsAffected(string repoSlug) => AffectedRepoSlugs.Contains(repoSlug, StringComparer.Ordinal);

    private void Apply(
        string title,
        string? description,
        ChangeType changeType,
        InterfaceType interfaceType,
        IEnumerable<string>? affectedRepoSlugs,
        IEnumerable<string>? affectedPaths,
        DateOnly? plannedFor)
    {
        if (!Enum.IsDefined(changeType))
            throw new DomainValidationException("change_type", "Unknown change type.");
        if (!Enum.IsDefined(interfaceType))
            throw new DomainValidationException("interface_type", "Unknown interface type.");

        var slugs = (affectedRepoSlugs ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (slugs.Count > MaxAffectedRepos)
            throw new DomainValidationException("affected_repo_slugs", $"At most {MaxAffectedRepos} affected repos.");
        foreach (var slug in slugs)
            Slug.Ensure(slug, "affected_repo_slugs");

        var paths = (affectedPaths ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (paths.Count > MaxAffectedPaths)
            throw new DomainValidationException("affected_paths", $"At most {MaxAffectedPaths} affected paths.");
        if (paths.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > PathMaxLength))
            throw new DomainValidationException("affected_paths", $"Affected paths must be non-empty and at most {PathMaxLength} characters.");

        Title = Guard.Required(title, "title", TitleMaxLength);
        Description = Guard.Optional(description, "description", DescriptionMaxLength);
        ChangeType = changeType;
        InterfaceType = interfaceType;
        AffectedRepoSlugs = slugs.AsReadOnly();
        AffectedPaths = paths.AsReadOnly();
        PlannedFor = plannedFor;
    }
}

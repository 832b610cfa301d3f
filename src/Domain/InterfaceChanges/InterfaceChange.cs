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

    private InterfaceChange()
    {
    }

    public Guid OriginRepoId { get; private set; }

    public string Title { get; private set; } = null!;

    public string? Description { get; private set; }

    public ChangeType ChangeType { get; private set; }

    public InterfaceType InterfaceType { get; private set; }

    public List<string> AffectedRepoSlugs { get; private set; } = [];

    public List<string> AffectedPaths { get; private set; } = [];

    public DateOnly? PlannedFor { get; private set; }

    public InterfaceChangeStatus Status { get; private set; } = InterfaceChangeStatus.Draft;

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? ResolutionNote { get; private set; }

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
        Raise(new InterfaceChangePublished(this));
    }

    public void Resolve(string? resolutionNote, DateTimeOffset now)
    {
        if (Status != InterfaceChangeStatus.Published)
            throw new InvalidTransitionException($"Only a published change can be resolved; this change is {Status.ToString().ToLowerInvariant()}.");
        ResolutionNote = Guard.Optional(resolutionNote, "resolution_note", ResolutionNoteMaxLength);
        Status = InterfaceChangeStatus.Resolved;
        ResolvedAt = now;
        Raise(new InterfaceChangeResolved(this));
    }

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
        AffectedRepoSlugs = slugs;
        AffectedPaths = paths;
        PlannedFor = plannedFor;
    }
}

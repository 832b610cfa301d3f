using StateHub.Domain.Common;

namespace StateHub.Domain.Domains;

/// <summary>
/// A group of repos (the spec's "Domain"). Named RepoDomain so that it never collides with the
/// StateHub.Domain namespace.
/// </summary>
public sealed class RepoDomain : Entity
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    private RepoDomain()
    {
    }

    public string Slug { get; private set; } = null!;

    public string Name { get; private set; } = null!;

    public string? Description { get; private set; }

    public DomainStatus Status { get; private set; } = DomainStatus.Active;

    public static RepoDomain Create(string slug, string name, string? description, DomainStatus status = DomainStatus.Active) =>
        new()
        {
            Slug = Common.Slug.Ensure(slug),
            Name = Guard.Required(name, "name", NameMaxLength),
            Description = Guard.Optional(description, "description", DescriptionMaxLength),
            Status = status,
        };

    public void Rename(string name) => Name = Guard.Required(name, "name", NameMaxLength);

    public void Describe(string? description) =>
        Description = Guard.Optional(description, "description", DescriptionMaxLength);

    /// <summary>Domains may move freely between active, paused and archived; the value set is the rule.</summary>
    public void ChangeStatus(DomainStatus status)
    {
        if (!Enum.IsDefined(status))
            throw new DomainValidationException("status", "Unknown domain status.");
        Status = status;
    }
}

using AutoMapper;
using StateHub.Domain.Tpsc;

namespace StateHub.Application.TpscSnapshots;

/// <summary>A repo's third-party software components at one moment, as the API shows it.</summary>
public sealed record TpscSnapshotDto
{
    public Guid Id { get; init; }

    public Guid RepoId { get; init; }

    public string RepoSlug { get; init; } = null!;

    public DateTimeOffset SnapshotAt { get; init; }

    public IReadOnlyList<TpscComponentDto> Components { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    private sealed class Mapping : Profile
    {
        // The entity holds the repo's id only; handlers fill in the slug they resolved.
        public Mapping()
        {
            CreateMap<TpscComponent, TpscComponentDto>();
            CreateMap<TpscSnapshot, TpscSnapshotDto>()
                .ForMember(d => d.RepoSlug, o => o.Ignore());
        }
    }
}

/// <summary>One third-party component, as an SBOM lists it.</summary>
public sealed record TpscComponentDto
{
    public const int NameMaxLength = 500;
    public const int VersionMaxLength = 200;
    public const int EcosystemMaxLength = 100;
    public const int LicenseMaxLength = 500;

    public string Name { get; init; } = null!;

    public string? Version { get; init; }

    /// <summary>The package ecosystem, e.g. <c>nuget</c>, <c>npm</c>, <c>pypi</c>.</summary>
    public string? Ecosystem { get; init; }

    /// <summary>An SPDX licence expression, e.g. <c>MIT</c>.</summary>
    public string? License { get; init; }
}

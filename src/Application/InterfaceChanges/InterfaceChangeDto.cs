using AutoMapper;
using StateHub.Application.Common.Concurrency;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.InterfaceChanges;

/// <summary>An interface change as the API shows it.</summary>
public sealed record InterfaceChangeDto : IVersionedDto
{
    public Guid Id { get; init; }

    public Guid OriginRepoId { get; init; }

    /// <summary>The repo that offers the changing interface.</summary>
    public string OriginRepoSlug { get; init; } = null!;

    public string Title { get; init; } = null!;

    public string? Description { get; init; }

    public ChangeType ChangeType { get; init; }

    public InterfaceType InterfaceType { get; init; }

    /// <summary>Repos that must react to the change; each is notified on publish and on resolve.</summary>
    public IReadOnlyList<string> AffectedRepoSlugs { get; init; } = [];

    /// <summary>Routes, files or symbols that change, e.g. <c>/repos/</c>.</summary>
    public IReadOnlyList<string> AffectedPaths { get; init; } = [];

    /// <summary>When the change is planned to land (YYYY-MM-DD), if known.</summary>
    public DateOnly? PlannedFor { get; init; }

    public InterfaceChangeStatus Status { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public string? ResolutionNote { get; init; }

    /// <summary>Where each affected repo stands with the change, by slug (empty until it is published).</summary>
    public IReadOnlyList<InterfaceChangeConsumerDto> Consumers { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    private sealed class Mapping : Profile
    {
        // The entity holds the origin's id only; handlers fill in the slug they resolved.
        public Mapping() =>
            CreateMap<InterfaceChange, InterfaceChangeDto>()
                .ForMember(d => d.OriginRepoSlug, o => o.Ignore())
                .ForMember(d => d.AffectedRepoSlugs, o => o.MapFrom(s => s.AffectedRepoSlugs.ToList()))
                .ForMember(d => d.AffectedPaths, o => o.MapFrom(s => s.AffectedPaths.ToList()))
                .ForMember(d => d.Consumers, o => o.MapFrom(s => s.Consumers.OrderBy(c => c.RepoSlug, StringComparer.Ordinal).ToList()));
    }
}

/// <summary>One affected repo of a published change: notified → acknowledged → migrated | not_affected.</summary>
public sealed record InterfaceChangeConsumerDto
{
    public string RepoSlug { get; init; } = null!;

    public ConsumerStatus Status { get; init; }

    /// <summary>What the repo said with its last acknowledgement, if anything.</summary>
    public string? Note { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    private sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<InterfaceChangeConsumer, InterfaceChangeConsumerDto>();
    }
}

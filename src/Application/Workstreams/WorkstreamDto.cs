using AutoMapper;
using StateHub.Application.Common.Concurrency;
using StateHub.Domain.Work;

namespace StateHub.Application.Workstreams;

/// <summary>A workstream (workplan) as the API shows it.</summary>
public sealed record WorkstreamDto : IVersionedDto
{
    public Guid Id { get; init; }

    public Guid RepoId { get; init; }

    public string RepoSlug { get; init; } = null!;

    /// <summary>Unique within the repo, e.g. <c>CUST-WP-0033</c>.</summary>
    public string Key { get; init; } = null!;

    public string Title { get; init; } = null!;

    public WorkstreamStatus Status { get; init; }

    /// <summary>The workplan file, relative to the repo root, if any.</summary>
    public string? SourcePath { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    private sealed class Mapping : Profile
    {
        // The slug comes from the repo navigation where it is loaded; a list of one repo's items sets it itself.
        public Mapping() =>
            CreateMap<Workstream, WorkstreamDto>()
                .ForMember(d => d.RepoSlug, o => o.MapFrom(s => s.Repo.Slug));
    }
}

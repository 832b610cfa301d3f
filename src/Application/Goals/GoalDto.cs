using AutoMapper;
using StateHub.Application.Common.Concurrency;
using StateHub.Domain.Work;

namespace StateHub.Application.Goals;

/// <summary>A repo goal as the API shows it.</summary>
public sealed record GoalDto : IVersionedDto
{
    public Guid Id { get; init; }

    public Guid RepoId { get; init; }

    public string RepoSlug { get; init; } = null!;

    public string Title { get; init; } = null!;

    public string? Description { get; init; }

    /// <summary>1 is the most urgent.</summary>
    public int Priority { get; init; }

    public GoalStatus Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    private sealed class Mapping : Profile
    {
        // The slug comes from the repo navigation where it is loaded; a list of one repo's items sets it itself.
        public Mapping() =>
            CreateMap<RepoGoal, GoalDto>()
                .ForMember(d => d.RepoSlug, o => o.MapFrom(s => s.Repo.Slug));
    }
}

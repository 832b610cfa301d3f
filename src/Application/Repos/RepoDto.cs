using AutoMapper;
using StateHub.Application.Common.Concurrency;
using StateHub.Domain.Repos;

namespace StateHub.Application.Repos;

/// <summary>A managed repo as the API shows it.</summary>
public sealed record RepoDto : IVersionedDto
{
    public Guid Id { get; init; }

    public Guid DomainId { get; init; }

    public string DomainSlug { get; init; } = null!;

    public string Slug { get; init; } = null!;

    public string Name { get; init; } = null!;

    public string? LocalPath { get; init; }

    public string? RemoteUrl { get; init; }

    /// <summary>Root-commit SHA-1 of the repository.</summary>
    public string? GitFingerprint { get; init; }

    public string? Description { get; init; }

    public string? TopicId { get; init; }

    public RepoStatus Status { get; init; }

    /// <summary>Host name → path of the repo on that host.</summary>
    public IReadOnlyDictionary<string, string> HostPaths { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? LastSbomAt { get; init; }

    public DateTimeOffset? LastStateSyncedAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    private sealed class Mapping : Profile
    {
        public Mapping() =>
            CreateMap<ManagedRepo, RepoDto>()
                .ForMember(d => d.DomainSlug, o => o.MapFrom(s => s.Domain.Slug))
                .ForMember(d => d.HostPaths, o => o.MapFrom(s => new Dictionary<string, string>(s.HostPaths)));
    }
}

using AutoMapper;
using StateHub.Application.Common.Concurrency;
using StateHub.Domain.Domains;

namespace StateHub.Application.Domains;

/// <summary>A domain as the API shows it.</summary>
public sealed record DomainDto : IVersionedDto
{
    public Guid Id { get; init; }

    public string Slug { get; init; } = null!;

    public string Name { get; init; } = null!;

    public string? Description { get; init; }

    public DomainStatus Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    private sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<RepoDomain, DomainDto>();
    }
}

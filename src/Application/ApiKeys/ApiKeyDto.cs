using AutoMapper;
using StateHub.Domain.Access;

namespace StateHub.Application.ApiKeys;

/// <summary>An API key as <c>GET /api-keys/</c> shows it: never its secret.</summary>
public sealed record ApiKeyDto
{
    public Guid Id { get; init; }

    /// <summary>Recorded as the actor of what the key creates.</summary>
    public string Name { get; init; } = null!;

    public ApiKeyRole Role { get; init; }

    /// <summary>The repo an agent key is bound to; null for admin and reader keys.</summary>
    public string? RepoSlug { get; init; }

    /// <summary>The key's first characters, to tell keys apart.</summary>
    public string Prefix { get; init; } = null!;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    private sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<ApiKey, ApiKeyDto>();
    }
}

/// <summary>A key just created: the only answer that carries the secret, in <c>key</c>.</summary>
public sealed record CreatedApiKeyDto
{
    public Guid Id { get; init; }

    public string Name { get; init; } = null!;

    public ApiKeyRole Role { get; init; }

    public string? RepoSlug { get; init; }

    public string Prefix { get; init; } = null!;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The secret. Shown this once: store it now; the hub keeps only its hash.</summary>
    public string Key { get; init; } = null!;
}

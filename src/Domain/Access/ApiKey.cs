using StateHub.Domain.Common;

namespace StateHub.Domain.Access;

/// <summary>
/// An API key. Only the SHA-256 hash of the secret is stored; the first characters (the prefix)
/// stay visible so people can tell keys apart. An agent key is bound to one repo.
/// </summary>
public sealed class ApiKey : Entity
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 10;

    private ApiKey()
    {
    }

    public string Name { get; private set; } = null!;

    public ApiKeyRole Role { get; private set; }

    /// <summary>The repo an agent key is bound to; null for admin and reader keys.</summary>
    public string? RepoSlug { get; private set; }

    public string Prefix { get; private set; } = null!;

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string KeyHash { get; private set; } = null!;

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static ApiKey Create(string name, ApiKeyRole role, string? repoSlug, string prefix, string keyHash, DateTimeOffset? expiresAt)
    {
        if (role == ApiKeyRole.Agent && string.IsNullOrWhiteSpace(repoSlug))
            throw new DomainValidationException("repo_slug", "An agent key must be bound to a repo: give 'repo_slug'.");
        if (role != ApiKeyRole.Agent && repoSlug is not null)
            throw new DomainValidationException("repo_slug", "Only agent keys are bound to a repo: leave 'repo_slug' out for admin and reader keys.");
        return new ApiKey
        {
            Name = Guard.Required(name, "name", NameMaxLength),
            Role = role,
            RepoSlug = repoSlug,
            Prefix = prefix,
            KeyHash = keyHash,
            ExpiresAt = expiresAt,
        };
    }

    /// <summary>Whether the key may still be used at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>Revoking is idempotent: the first revocation time is kept.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}

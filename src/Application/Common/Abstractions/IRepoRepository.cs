using StateHub.Domain.Repos;

namespace StateHub.Application.Common.Abstractions;

/// <summary>Managed repos; every repo returned has its <see cref="ManagedRepo.Domain"/> loaded.</summary>
public interface IRepoRepository
{
    Task<ManagedRepo?> GetBySlugAsync(string slug, CancellationToken cancellationToken);

    Task<ManagedRepo?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Repos ordered by name case-insensitively (then exact name, then slug); only those of <paramref name="domainId"/> when given.</summary>
    Task<IReadOnlyList<ManagedRepo>> ListAsync(Guid? domainId, CancellationToken cancellationToken);

    /// <summary>Repos whose git fingerprint is <paramref name="fingerprint"/>, narrowed to <paramref name="remoteUrl"/> when given.</summary>
    Task<IReadOnlyList<ManagedRepo>> FindByFingerprintAsync(string fingerprint, string? remoteUrl, CancellationToken cancellationToken);

    /// <summary>The repo with this remote URL; the oldest registration when several share it.</summary>
    Task<ManagedRepo?> FindByRemoteUrlAsync(string remoteUrl, CancellationToken cancellationToken);

    /// <summary>The repos among <paramref name="slugs"/> that exist, in no particular order.</summary>
    Task<IReadOnlyList<ManagedRepo>> GetBySlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken);

    Task<bool> SlugExistsAsync(string slug, CancellationToken cancellationToken);

    void Add(ManagedRepo repo);
}

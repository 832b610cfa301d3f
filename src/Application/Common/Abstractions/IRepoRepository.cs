using StateHub.Application.Common.Exceptions;
using StateHub.Domain.Repos;

namespace StateHub.Application.Common.Abstractions;

/// <summary>Managed repos; every repo returned has its <see cref="ManagedRepo.Domain"/> loaded.</summary>
public interface IRepoRepository
{
    Task<ManagedRepo?> GetBySlugAsync(string slug, CancellationToken cancellationToken);

    Task<ManagedRepo?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The id of the repo with this slug, without loading or tracking the repo; null when there is none.</summary>
    Task<Guid?> GetIdBySlugAsync(string slug, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the repos ordered by name case-insensitively (then exact name, then slug), only those of
    /// <paramref name="domainId"/> when given, cut in the database: the repos after the one whose id is
    /// <paramref name="afterId"/> (from the start when null), at most <paramref name="take"/> + 1 of them so the caller
    /// can tell whether more follow (all when <paramref name="take"/> is null). Null when <paramref name="afterId"/>
    /// names no repo of the list.
    /// </summary>
    Task<IReadOnlyList<ManagedRepo>?> ListPageAsync(Guid? domainId, Guid? afterId, int? take, CancellationToken cancellationToken);

    /// <summary>Repos whose git fingerprint is <paramref name="fingerprint"/>, narrowed to <paramref name="remoteUrl"/> when given.</summary>
    Task<IReadOnlyList<ManagedRepo>> FindByFingerprintAsync(string fingerprint, string? remoteUrl, CancellationToken cancellationToken);

    /// <summary>The repo with this remote URL; the oldest registration when several share it.</summary>
    Task<ManagedRepo?> FindByRemoteUrlAsync(string remoteUrl, CancellationToken cancellationToken);

    /// <summary>The repos among <paramref name="slugs"/> that exist, in no particular order.</summary>
    Task<IReadOnlyList<ManagedRepo>> GetBySlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken);

    Task<bool> SlugExistsAsync(string slug, CancellationToken cancellationToken);

    /// <summary>
    /// Locks the row of the repo with this slug until the current transaction ends (nothing when
    /// there is none), for a read-modify-write of one of its columns; load the repo after it.
    /// </summary>
    Task LockBySlugAsync(string slug, CancellationToken cancellationToken);

    void Add(ManagedRepo repo);
}

/// <summary>Lookups that turn a missing repo into the one 404 every use case reports.</summary>
public static class RepoRepositoryExtensions
{
    /// <summary>The (tracked) repo with this slug; <see cref="NotFoundException.Repo(string)"/> when there is none.</summary>
    public static async Task<ManagedRepo> GetRequiredBySlugAsync(this IRepoRepository repos, string slug, CancellationToken cancellationToken) =>
        await repos.GetBySlugAsync(slug, cancellationToken) ?? throw NotFoundException.Repo(slug);

    /// <summary>The id of the repo with this slug; <see cref="NotFoundException.Repo(string)"/> when there is none.</summary>
    public static async Task<Guid> GetRequiredIdBySlugAsync(this IRepoRepository repos, string slug, CancellationToken cancellationToken) =>
        await repos.GetIdBySlugAsync(slug, cancellationToken) ?? throw NotFoundException.Repo(slug);
}

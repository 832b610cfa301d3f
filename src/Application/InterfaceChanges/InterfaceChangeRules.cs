using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Domain.Repos;

namespace StateHub.Application.InterfaceChanges;

/// <summary>What every interface-change use case checks the same way.</summary>
internal static class InterfaceChangeRules
{
    /// <summary>
    /// The affected repos, in the order given; a 404 naming every slug that is not a registered repo,
    /// as for an unknown origin (and, in the seed, an unknown domain in a register body).
    /// </summary>
    public static async Task<IReadOnlyList<ManagedRepo>> RequireAffectedReposAsync(
        IRepoRepository repos, IReadOnlyCollection<string> slugs, CancellationToken cancellationToken)
    {
        if (slugs.Count == 0)
            return [];

        var found = (await repos.GetBySlugsAsync(slugs, cancellationToken)).ToDictionary(r => r.Slug, StringComparer.Ordinal);
        var missing = slugs.Where(s => !found.ContainsKey(s)).ToList();
        if (missing.Count > 0)
            throw NotFoundException.AffectedRepos(missing);
        return slugs.Select(s => found[s]).ToList();
    }

    /// <summary>The repo the change originates from; it cannot be missing, since a foreign key holds it.</summary>
    public static async Task<ManagedRepo> OriginOfAsync(IRepoRepository repos, Guid originRepoId, CancellationToken cancellationToken) =>
        await repos.GetByIdAsync(originRepoId, cancellationToken)
        ?? throw new InvalidOperationException($"Origin repo {originRepoId} of an interface change is missing.");
}

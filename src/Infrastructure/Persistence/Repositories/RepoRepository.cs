using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Repos;

namespace StateHub.Infrastructure.Persistence.Repositories;

/// <remarks>
/// Lists "by name" sort case-insensitively, as the Python service does on a normal locale
/// (lower(name), then name, then slug), not in the database's byte order.
/// </remarks>
internal sealed class RepoRepository(StateHubDbContext db) : IRepoRepository
{
    private IQueryable<ManagedRepo> WithDomain => db.Repos.Include(r => r.Domain);

    public Task<ManagedRepo?> GetBySlugAsync(string slug, CancellationToken cancellationToken) =>
        WithDomain.FirstOrDefaultAsync(r => r.Slug == slug, cancellationToken);

    // FOR NO KEY UPDATE: takes turns with the repo's other lockers (syncs, path registrations)
    // but, unlike FOR UPDATE, lets rows that merely reference the repo (events, inbox messages,
    // their foreign keys' FOR KEY SHARE) be written meanwhile, so a claim that announces a lapsed
    // claim never waits on a sync that waits on that claim's task.
    public Task LockBySlugAsync(string slug, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("SELECT 1 FROM managed_repos WHERE slug = {0} FOR NO KEY UPDATE", [slug], cancellationToken);

    public Task<ManagedRepo?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        WithDomain.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public Task<Guid?> GetIdBySlugAsync(string slug, CancellationToken cancellationToken) =>
        db.Repos.AsNoTracking().Where(r => r.Slug == slug).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);

    // Keyset on (lower(name), name, slug), the list's order, which ix_managed_repos_lower_name_name_slug serves:
    // the first page reads its rows off the index instead of sorting the whole registry.
    public async Task<IReadOnlyList<ManagedRepo>?> ListPageAsync(Guid? domainId, Guid? afterId, int? take, CancellationToken cancellationToken)
    {
        var query = WithDomain.AsNoTracking().Where(r => domainId == null || r.DomainId == domainId);
        if (afterId is { } id)
        {
            var anchor = await db.Repos.AsNoTracking()
                .Where(r => r.Id == id && (domainId == null || r.DomainId == domainId))
                .Select(r => new { Lower = r.Name.ToLower(), r.Name, r.Slug })
                .FirstOrDefaultAsync(cancellationToken);
            if (anchor is null)
                return null;
            query = query.Where(r => string.Compare(r.Name.ToLower(), anchor.Lower) > 0
                || (r.Name.ToLower() == anchor.Lower && string.Compare(r.Name, anchor.Name) > 0)
                || (r.Name.ToLower() == anchor.Lower && r.Name == anchor.Name && string.Compare(r.Slug, anchor.Slug) > 0));
        }

        var ordered = query.OrderBy(r => r.Name.ToLower()).ThenBy(r => r.Name).ThenBy(r => r.Slug);
        return await (take is { } n ? ordered.Take(n + 1) : ordered).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ManagedRepo>> FindByFingerprintAsync(string fingerprint, string? remoteUrl, CancellationToken cancellationToken) =>
        await WithDomain.AsNoTracking()
            .Where(r => r.GitFingerprint == fingerprint && (remoteUrl == null || r.RemoteUrl == remoteUrl))
            .OrderBy(r => r.Name.ToLower()).ThenBy(r => r.Name).ThenBy(r => r.Slug)
            .ToListAsync(cancellationToken);

    public Task<ManagedRepo?> FindByRemoteUrlAsync(string remoteUrl, CancellationToken cancellationToken) =>
        WithDomain.AsNoTracking()
            .Where(r => r.RemoteUrl == remoteUrl)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<ManagedRepo>> GetBySlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken) =>
        slugs.Count == 0
            ? []
            : await WithDomain.Where(r => slugs.Contains(r.Slug)).ToListAsync(cancellationToken);

    public Task<bool> SlugExistsAsync(string slug, CancellationToken cancellationToken) =>
        db.Repos.AnyAsync(r => r.Slug == slug, cancellationToken);

    public void Add(ManagedRepo repo) => db.Repos.Add(repo);
}

using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class InterfaceChangeRepository(StateHubDbContext db) : IInterfaceChangeRepository
{
    public void Add(InterfaceChange change) => db.InterfaceChanges.Add(change);

    /// <remarks>
    /// <c>FOR UPDATE</c> holds the row lock until the command's transaction ends (every command
    /// runs in one). A concurrent caller waits, then reads the committed change and consumers, so
    /// the entity's own lifecycle check decides on the latest state and a transition happens exactly once.
    /// </remarks>
    public async Task<InterfaceChange?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken)
    {
        // Lock first, then read, in two statements. In one, the consumers (an owned collection,
        // joined to the locked row) would come from the snapshot taken before the lock wait: the
        // change's row is re-read once the lock is granted, its consumers are not, so two
        // acknowledgements at once could each decide on the other's stale state.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM interface_changes WHERE id = {id} FOR UPDATE", cancellationToken);
        // (Commands load the change here first, so nothing stale is tracked yet.)
        return await db.InterfaceChanges.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    public Task<InterfaceChangeWithOrigin?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        WithOrigin(db.InterfaceChanges.AsNoTracking().Where(c => c.Id == id)).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<InterfaceChangeWithOrigin>> ListAsync(InterfaceChangeFilter filter, CancellationToken cancellationToken)
    {
        var query = WithOrigin(Filtered(db, filter).Before(filter.After));
        return await (filter.Limit is { } take ? query.Take(take) : query).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The changes a filter selects. <c>AffectedRepoSlugs.Contains(slug)</c> becomes
    /// <c>affected_repo_slugs @&gt; ARRAY[@slug]</c>, which the GIN index on the column serves,
    /// because the model declares that index (see InterfaceChangeConfiguration).
    /// </summary>
    private static IQueryable<InterfaceChange> Filtered(StateHubDbContext db, InterfaceChangeFilter filter)
    {
        var query = db.InterfaceChanges.AsNoTracking();
        if (filter.Status is { } status)
            query = query.Where(c => c.Status == status);
        if (filter.OriginRepoId is { } originRepoId)
            query = query.Where(c => c.OriginRepoId == originRepoId);
        if (filter.AffectedRepoSlug is { } affected)
            query = query.Where(c => c.AffectedRepoSlugs.Contains(affected));
        return query;
    }

    /// <summary>Newest first, each with its origin's slug, in one statement.</summary>
    private IQueryable<InterfaceChangeWithOrigin> WithOrigin(IQueryable<InterfaceChange> changes) =>
        from change in changes
        join origin in db.Repos on change.OriginRepoId equals origin.Id
        orderby change.CreatedAt descending, change.Id descending
        select new InterfaceChangeWithOrigin(change, origin.Slug);
}

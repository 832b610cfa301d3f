using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Domains;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class DomainRepository(StateHubDbContext db) : IDomainRepository
{
    public Task<RepoDomain?> GetBySlugAsync(string slug, CancellationToken cancellationToken) =>
        db.Domains.FirstOrDefaultAsync(d => d.Slug == slug, cancellationToken);

    // Case-insensitive by name, like the repo list; the cluster's C collation alone would put "Zeta" before "alpha".
    public async Task<IReadOnlyList<RepoDomain>> ListAsync(CancellationToken cancellationToken) =>
        await db.Domains.AsNoTracking().OrderBy(d => d.Name.ToLower()).ThenBy(d => d.Name).ThenBy(d => d.Slug).ToListAsync(cancellationToken);

    public Task<bool> SlugExistsAsync(string slug, CancellationToken cancellationToken) =>
        db.Domains.AnyAsync(d => d.Slug == slug, cancellationToken);

    public void Add(RepoDomain domain) => db.Domains.Add(domain);
}

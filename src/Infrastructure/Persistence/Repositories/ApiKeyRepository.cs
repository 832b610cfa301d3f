using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Access;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class ApiKeyRepository(StateHubDbContext db) : IApiKeyRepository
{
    public void Add(ApiKey key) => db.ApiKeys.Add(key);

    public Task<ApiKey?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);

    public Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == keyHash, cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken);

    public Task TouchLastUsedAsync(Guid id, DateTimeOffset now, TimeSpan granularity, CancellationToken cancellationToken)
    {
        var before = now - granularity;
        return db.ApiKeys
            .Where(k => k.Id == id && (k.LastUsedAt == null || k.LastUsedAt < before))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
    }
}

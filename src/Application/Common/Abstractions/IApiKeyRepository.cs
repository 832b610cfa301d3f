using StateHub.Domain.Access;

namespace StateHub.Application.Common.Abstractions;

/// <summary>API keys, found by the hash of their secret.</summary>
public interface IApiKeyRepository
{
    void Add(ApiKey key);

    Task<ApiKey?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The key whose secret hashes to <paramref name="keyHash"/>, untracked; null when there is none.</summary>
    Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken cancellationToken);

    /// <summary>Every key, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Records a use, at most once per <paramref name="granularity"/>, outside any request transaction.</summary>
    Task TouchLastUsedAsync(Guid id, DateTimeOffset now, TimeSpan granularity, CancellationToken cancellationToken);
}

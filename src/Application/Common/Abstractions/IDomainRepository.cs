using StateHub.Domain.Domains;

namespace StateHub.Application.Common.Abstractions;

public interface IDomainRepository
{
    Task<RepoDomain?> GetBySlugAsync(string slug, CancellationToken cancellationToken);

    /// <summary>All domains ordered by name case-insensitively, then exact name, then slug.</summary>
    Task<IReadOnlyList<RepoDomain>> ListAsync(CancellationToken cancellationToken);

    Task<bool> SlugExistsAsync(string slug, CancellationToken cancellationToken);

    void Add(RepoDomain domain);
}

using StateHub.Domain.Common;

namespace StateHub.Application.Common.Abstractions;

/// <summary>Commits what the repositories tracked, and scopes a command to one transaction.</summary>
public interface IUnitOfWork
{
    /// <summary>Saves tracked changes. A unique-key violation surfaces as <see cref="Exceptions.UniqueConstraintException"/>.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a transaction, saving and committing when it succeeds; nests into an open one.</summary>
    Task<T> ExecuteInTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Locks <paramref name="entity"/>'s row until the current transaction ends and returns its
    /// <c>updated_at</c> as stored now (null when the row is gone): other writers wait, so what the
    /// caller checked stays true until it commits.
    /// </summary>
    Task<DateTimeOffset?> LockRowAsync(Entity entity, CancellationToken cancellationToken);
}

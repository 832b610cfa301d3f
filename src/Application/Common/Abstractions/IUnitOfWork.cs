using StateHub.Domain.Common;

namespace StateHub.Application.Common.Abstractions;

/// <summary>
/// Commits what the repositories tracked, and scopes a command to one transaction. Only the
/// pipeline saves (see <see cref="Messaging.ICommandHandler{TCommand,TResponse}"/>); handlers never do.
/// </summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Dispatches the tracked entities' domain events to their handlers, stamps timestamps and saves.
    /// Provider errors surface as Application exceptions (a unique violation as
    /// <see cref="Exceptions.UniqueConstraintException"/> with its index's message, an outage as
    /// <see cref="Exceptions.DatabaseUnavailableException"/>).
    /// </summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a transaction and commits when it succeeds; nests into an open one.</summary>
    Task<T> ExecuteInTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Locks <paramref name="entity"/>'s row until the current transaction ends and returns its
    /// <c>updated_at</c> as stored now (null when the row is gone): other writers wait, so what the
    /// caller checked stays true until it commits.
    /// </summary>
    Task<DateTimeOffset?> LockRowAsync(Entity entity, CancellationToken cancellationToken);
}

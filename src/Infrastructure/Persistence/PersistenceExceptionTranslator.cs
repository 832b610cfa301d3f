using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Infrastructure.Persistence.Embedded;

namespace StateHub.Infrastructure.Persistence;

/// <summary>
/// The database layer's one mapping from provider exceptions to Application exceptions. EF wraps
/// a transient Npgsql failure in an InvalidOperationException and a unique violation in a
/// DbUpdateException, so the whole chain of inner exceptions is searched.
/// </summary>
public sealed class PersistenceExceptionTranslator : IPersistenceExceptionTranslator
{
    public static PersistenceExceptionTranslator Instance { get; } = new();

    public Exception Translate(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ConflictException or ServiceUnavailableException or RequestValidationException)
                return current;
            if (Known(current, exception) is { } translated)
                return translated;
        }

        return exception;
    }

    private static Exception? Known(Exception current, Exception outer) => current switch
    {
        PostgresException pg => Postgres(pg, outer),
        DbUpdateConcurrencyException => new ConflictException("The resource was changed by someone else; read it again and retry."),
        EmbeddedDatabaseUnavailableException ex => new DatabaseUnavailableException(ex.Message, ex),
        NpgsqlException { IsTransient: true } or TimeoutException or SocketException =>
            new DatabaseUnavailableException(DatabaseUnavailableException.DefaultDetail, current),
        _ => null,
    };

    /// <summary>What PostgreSQL refuses because of what the client sent or a concurrent writer, rather than a fault of ours.</summary>
    private static Exception? Postgres(PostgresException pg, Exception outer) => pg.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => UniqueIndexConflicts.Violated(pg.ConstraintName, RefusedEntities(outer)),
        PostgresErrorCodes.ForeignKeyViolation => new ConflictException("The request refers to a record that no longer exists, or is still referred to."),
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected =>
            new ConcurrentWriteException("The request collided with a concurrent change; retry it."),
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
            new RequestValidationException("body", "The request contains a character the database cannot store (such as NUL)."),
        PostgresErrorCodes.StringDataRightTruncation =>
            new RequestValidationException("body", "A value in the request is longer than the field allows."),
        PostgresErrorCodes.NumericValueOutOfRange =>
            new RequestValidationException("body", "A number in the request is out of range."),
        _ when pg.IsTransient => new DatabaseUnavailableException(DatabaseUnavailableException.DefaultDetail, pg),
        _ => null,
    };

    private static IEnumerable<object> RefusedEntities(Exception outer) =>
        outer is DbUpdateException update ? update.Entries.Select(e => e.Entity) : [];
}

using Microsoft.Extensions.Logging;
using StateHub.Domain.Common;

namespace StateHub.Application.Common.Exceptions;

/// <summary>What an exception means for the client and for the log.</summary>
public enum ExceptionOutcome
{
    /// <summary>422: the request is well-formed but invalid.</summary>
    Invalid,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>409: duplicate key, illegal transition, stale ETag, concurrent write.</summary>
    Conflict,

    /// <summary>403.</summary>
    Forbidden,

    /// <summary>503: a dependency (the database, a repo's files) is unavailable.</summary>
    Unavailable,

    /// <summary>The client went away.</summary>
    Cancelled,

    /// <summary>500: a fault of ours.</summary>
    Fault,
}

/// <summary>
/// The one classification of exceptions, used by the pipeline to decide how to log and by the
/// problem translator to decide the status: expected outcomes are logged without a stack trace
/// (client mistakes at Information, unavailable dependencies at Warning); only faults are errors.
/// Provider exceptions are first turned into Application exceptions by the persistence layer
/// (<see cref="Abstractions.IPersistenceExceptionTranslator"/>).
/// </summary>
public static class ExceptionClassification
{
    public static ExceptionOutcome Classify(Exception exception) => exception switch
    {
        RequestValidationException or FluentValidation.ValidationException or DomainValidationException => ExceptionOutcome.Invalid,
        NotFoundException => ExceptionOutcome.NotFound,
        ConflictException or InvalidTransitionException or ClaimConflictException => ExceptionOutcome.Conflict,
        ForbiddenAccessException => ExceptionOutcome.Forbidden,
        ServiceUnavailableException => ExceptionOutcome.Unavailable,
        OperationCanceledException => ExceptionOutcome.Cancelled,
        _ => ExceptionOutcome.Fault,
    };

    public static LogLevel LogLevelOf(ExceptionOutcome outcome) => outcome switch
    {
        ExceptionOutcome.Fault => LogLevel.Error,
        ExceptionOutcome.Unavailable => LogLevel.Warning,
        ExceptionOutcome.Cancelled => LogLevel.Debug,
        _ => LogLevel.Information,
    };
}

using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using StateHub.Application.Common.Behaviours;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Serialization;
using StateHub.Domain.Common;
using StateHub.Infrastructure.Persistence.Embedded;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// The one mapping from exceptions to problems, shared by every face of the app (the HTTP
/// exception handler and the MCP tools): validation 422, not found 404, conflict 409, forbidden
/// 403, unavailable 503, anything else 500 with a trace id and no stack trace outside Development.
/// Faults of our own are logged as errors, unavailable dependencies as warnings; client mistakes
/// are not logged at all.
/// </summary>
public sealed class ExceptionProblemTranslator(IHostEnvironment environment, ILogger<ExceptionProblemTranslator> logger)
{
    public const string UnexpectedErrorDetail = "An unexpected error occurred. Quote the trace_id when reporting it.";

    /// <summary>Translates <paramref name="exception"/> and logs it when it is a server-side failure.</summary>
    /// <param name="operation">What was being done, for the log: "POST /repos" or "MCP tool register_repo".</param>
    public ProblemDetails Translate(Exception exception, string operation)
    {
        var problem = Map(exception);
        if (ExceptionLogging.IsLogged(exception))
            return problem;
        if (problem.Status == StatusCodes.Status500InternalServerError)
            logger.LogError(exception, "Unhandled exception for {Operation} (trace {TraceId})", operation, Problems.TraceId());
        else if (problem.Status >= 500)
            logger.LogWarning("Dependency unavailable for {Operation}: {Message}", operation, exception.Message);
        return problem;
    }

    /// <summary>
    /// Maps the exception, or the first exception inside it that means something to a client: EF
    /// wraps a transient Npgsql failure in an InvalidOperationException and a unique violation in a
    /// DbUpdateException, and neither wrapper should turn a 503 or a 409 into a 500.
    /// </summary>
    private ProblemDetails Map(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (Known(current) is { } problem)
                return problem;
        }

        return Problem(StatusCodes.Status500InternalServerError, "Internal server error",
            environment.IsDevelopment() ? exception.ToString() : UnexpectedErrorDetail);
    }

    private static ProblemDetails? Known(Exception exception) => exception switch
    {
        RequestValidationException ex => Validation(ex.Errors),
        ValidationException ex => Validation(ex.Errors
            .GroupBy(e => NamingConventions.ToSnakeCasePath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())),
        DomainValidationException ex => Validation(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }),
        NotFoundException ex => Problem(StatusCodes.Status404NotFound, "Not found", ex.Message),
        ConflictException ex => Problem(StatusCodes.Status409Conflict, "Conflict", ex.Message),
        InvalidTransitionException ex => Problem(StatusCodes.Status409Conflict, "Conflict", ex.Message),
        ClaimConflictException ex => Problem(StatusCodes.Status409Conflict, "Conflict", ex.Message),
        PostgresException pg => Postgres(pg),
        Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, "Conflict", "The resource was changed by someone else; read it again and retry."),
        ForbiddenAccessException ex => Problem(StatusCodes.Status403Forbidden, "Forbidden", ex.Message),
        ServiceUnavailableException ex => Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", ex.Message),
        EmbeddedDatabaseUnavailableException ex => Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable", ex.Message),
        NpgsqlException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException =>
            Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable", "The database is unavailable right now; retry shortly."),
        BadHttpRequestException ex => Problem(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request", ex.Message),
        OperationCanceledException => Problem(499, "Client closed request", "The request was cancelled."),
        _ => null,
    };

    /// <summary>What PostgreSQL refuses because of what the client sent, rather than because of a fault of ours.</summary>
    private static ProblemDetails? Postgres(PostgresException pg) => pg.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => Problem(StatusCodes.Status409Conflict, "Conflict", "The request conflicts with an existing record."),
        PostgresErrorCodes.ForeignKeyViolation => Problem(StatusCodes.Status409Conflict, "Conflict", "The request refers to a record that no longer exists, or is still referred to."),
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected =>
            Problem(StatusCodes.Status409Conflict, "Conflict", "The request collided with a concurrent change; retry it."),
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
            Validation(new Dictionary<string, string[]> { ["body"] = ["The request contains a character the database cannot store (such as NUL)."] }),
        PostgresErrorCodes.StringDataRightTruncation =>
            Validation(new Dictionary<string, string[]> { ["body"] = ["A value in the request is longer than the field allows."] }),
        PostgresErrorCodes.NumericValueOutOfRange =>
            Validation(new Dictionary<string, string[]> { ["body"] = ["A number in the request is out of range."] }),
        _ when pg.IsTransient => Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable", "The database is unavailable right now; retry shortly."),
        _ => null,
    };

    private static ProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) => Problems.Validation(errors);

    private static ProblemDetails Problem(int status, string title, string detail) => Problems.Create(status, title, detail);
}

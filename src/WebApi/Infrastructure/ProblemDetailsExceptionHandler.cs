using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Serialization;
using StateHub.Domain.Common;
using StateHub.Infrastructure.Persistence.Embedded;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// The one place exceptions become HTTP answers: RFC 9457 problem details that always carry a
/// human-readable <c>detail</c>. Client mistakes are 4xx; only our own faults are 500.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetailsService,
    IHostEnvironment environment,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Translate(exception);
        if (problem.Status >= 500)
        {
            if (problem.Status == StatusCodes.Status500InternalServerError)
                logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            else
                logger.LogWarning("Dependency unavailable for {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private ProblemDetails Translate(Exception exception) => exception switch
    {
        RequestValidationException ex => Validation(ex.Errors),
        ValidationException ex => Validation(ex.Errors
            .GroupBy(e => NamingConventions.ToSnakeCasePath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())),
        DomainValidationException ex => Validation(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }),
        NotFoundException ex => Problem(StatusCodes.Status404NotFound, "Not found", ex.Message),
        ConflictException ex => Problem(StatusCodes.Status409Conflict, "Conflict", ex.Message),
        InvalidTransitionException ex => Problem(StatusCodes.Status409Conflict, "Conflict", ex.Message),
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => Problem(StatusCodes.Status409Conflict, "Conflict", "The request conflicts with an existing record."),
        Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, "Conflict", "The resource was changed by someone else; read it again and retry."),
        ForbiddenAccessException ex => Problem(StatusCodes.Status403Forbidden, "Forbidden", ex.Message),
        ServiceUnavailableException ex => Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", ex.Message),
        EmbeddedDatabaseUnavailableException ex => Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable", ex.Message),
        NpgsqlException { IsTransient: true } or TimeoutException =>
            Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable", "The database is unavailable right now; retry shortly."),
        BadHttpRequestException ex => Problem(ex.StatusCode, "Bad request", ex.Message),
        OperationCanceledException => Problem(499, "Client closed request", "The request was cancelled."),
        _ => Problem(StatusCodes.Status500InternalServerError, "Internal server error",
            environment.IsDevelopment() ? exception.ToString() : "An unexpected error occurred. Quote the trace_id when reporting it."),
    };

    private static ProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Validation failed",
            Detail = errors.Count == 0
                ? "One or more fields are invalid."
                : string.Join(" ", errors.Take(5).Select(e => $"{(e.Key.Length == 0 ? "body" : e.Key)}: {string.Join(" ", e.Value)}")),
        };

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}

using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Behaviours;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Serialization;
using StateHub.Domain.Common;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// The one mapping from exceptions to problems, shared by every face of the app (the HTTP
/// exception handler and the MCP tools). Provider exceptions are first turned into Application
/// exceptions by the persistence layer; then <see cref="ExceptionClassification"/> decides both
/// the status (validation 422, not found 404, conflict 409, forbidden 403, unavailable 503,
/// anything else 500 with a trace id and no stack trace outside Development) and how the failure
/// is logged, unless the pipeline already logged it.
/// </summary>
public sealed class ExceptionProblemTranslator(
    IHostEnvironment environment,
    IPersistenceExceptionTranslator persistenceErrors,
    ILogger<ExceptionProblemTranslator> logger)
{
    public const string UnexpectedErrorDetail = "An unexpected error occurred. Quote the trace_id when reporting it.";

    public const string DatabaseUnavailableTitle = "Database unavailable";

    /// <summary>Translates <paramref name="exception"/> and logs it unless the pipeline has.</summary>
    /// <param name="operation">What was being done, for the log: "POST /repos" or "MCP tool register_repo".</param>
    public ProblemDetails Translate(Exception exception, string operation)
    {
        var translated = persistenceErrors.Translate(exception);
        var problem = Map(translated, exception);
        if (!ExceptionLogging.IsLogged(exception) && !ExceptionLogging.IsLogged(translated))
            ExceptionLogging.Log(logger, translated, OutcomeOf(translated), $"{operation} (trace {Problems.TraceId()})");
        return problem;
    }

    /// <summary>
    /// The <c>Retry-After</c> of a problem: every 503 carries one, the exception's own when it
    /// names one (a sync without a path), else the database outage's default.
    /// </summary>
    public static TimeSpan? RetryAfterOf(ProblemDetails problem, Exception exception) =>
        problem.Status != StatusCodes.Status503ServiceUnavailable
            ? null
            : (exception as ServiceUnavailableException)?.RetryAfter ?? DatabaseUnavailableException.DefaultRetryAfter;

    private static ExceptionOutcome OutcomeOf(Exception exception) => exception switch
    {
        BadHttpRequestException => ExceptionOutcome.Invalid,
        _ => ExceptionClassification.Classify(exception),
    };

    private ProblemDetails Map(Exception exception, Exception original) => exception switch
    {
        RequestValidationException ex => Validation(ex.Errors),
        ValidationException ex => Validation(ex.Errors
            .GroupBy(e => NamingConventions.ToSnakeCasePath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())),
        DomainValidationException ex => Validation(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }),
        BadHttpRequestException ex => Problem(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request", ex.Message),
        DatabaseUnavailableException ex => Problem(StatusCodes.Status503ServiceUnavailable, DatabaseUnavailableTitle, ex.Message),
        _ => ExceptionClassification.Classify(exception) switch
        {
            ExceptionOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", exception.Message),
            ExceptionOutcome.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", exception.Message),
            ExceptionOutcome.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", exception.Message),
            ExceptionOutcome.Unavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", exception.Message),
            ExceptionOutcome.Cancelled => Problem(499, "Client closed request", "The request was cancelled."),
            _ => Problem(StatusCodes.Status500InternalServerError, "Internal server error",
                environment.IsDevelopment() ? original.ToString() : UnexpectedErrorDetail),
        },
    };

    private static ProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) => Problems.Validation(errors);

    private static ProblemDetails Problem(int status, string title, string detail) => Problems.Create(status, title, detail);
}

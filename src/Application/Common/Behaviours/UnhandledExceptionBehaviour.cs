using MediatR;
using Microsoft.Extensions.Logging;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;

namespace StateHub.Application.Common.Behaviours;

/// <summary>
/// Turns provider exceptions into Application exceptions (<see cref="IPersistenceExceptionTranslator"/>)
/// and logs every failed request exactly once, as <see cref="ExceptionClassification"/> says:
/// faults as errors with their stack trace; expected outcomes (validation, not found, conflicts,
/// an unavailable database) at Information or Warning with their message only.
/// </summary>
public sealed class UnhandledExceptionBehaviour<TRequest, TResponse>(
    ILogger<UnhandledExceptionBehaviour<TRequest, TResponse>> logger,
    IPersistenceExceptionTranslator persistenceErrors)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (Exception ex)
        {
            var translated = persistenceErrors.Translate(ex);
            if (!ExceptionLogging.IsLogged(translated))
            {
                var outcome = cancellationToken.IsCancellationRequested ? ExceptionOutcome.Cancelled : ExceptionClassification.Classify(translated);
                ExceptionLogging.Log(logger, translated, outcome, typeof(TRequest).Name);
            }

            if (ReferenceEquals(translated, ex))
                throw;
            throw translated;
        }
    }
}

/// <summary>Logs an exception as its classification says, once: outer layers see the mark and do not log it again.</summary>
public static class ExceptionLogging
{
    private const string LoggedMarker = "StateHub.Logged";

    public static void MarkLogged(Exception exception) => exception.Data[LoggedMarker] = true;

    public static bool IsLogged(Exception exception) => exception.Data.Contains(LoggedMarker);

    /// <param name="operation">The request's name, or what was being done ("POST /repos", "MCP tool register_repo").</param>
    public static void Log(ILogger logger, Exception exception, ExceptionOutcome outcome, string operation)
    {
        var level = ExceptionClassification.LogLevelOf(outcome);
        if (outcome == ExceptionOutcome.Fault)
            logger.Log(level, exception, "Unhandled exception for {Operation}", operation);
        else if (outcome == ExceptionOutcome.Unavailable)
            logger.Log(level, "Dependency unavailable for {Operation}: {Message}", operation, exception.Message);
        else
            logger.Log(level, "{Operation} answered {Outcome}: {Message}", operation, outcome, exception.Message);
        MarkLogged(exception);
    }
}

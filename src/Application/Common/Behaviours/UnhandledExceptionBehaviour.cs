using MediatR;
using Microsoft.Extensions.Logging;
using StateHub.Application.Common.Exceptions;
using StateHub.Domain.Common;

namespace StateHub.Application.Common.Behaviours;

/// <summary>
/// Logs exceptions the application did not expect. Expected outcomes (not found, conflicts,
/// validation, domain rule refusals) are answers to the client, not errors, and are not logged here.
/// </summary>
public sealed class UnhandledExceptionBehaviour<TRequest, TResponse>(ILogger<UnhandledExceptionBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (Exception ex) when (!IsExpected(ex) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Unhandled exception for request {RequestName}", typeof(TRequest).Name);
            ExceptionLogging.MarkLogged(ex);
            throw;
        }
    }

    public static bool IsExpected(Exception ex) => ex is
        NotFoundException or ConflictException or RequestValidationException or ForbiddenAccessException
        or ServiceUnavailableException or DomainException or FluentValidation.ValidationException;
}

/// <summary>Lets the layer that logs an unexpected exception say so, so that outer layers do not log it again.</summary>
public static class ExceptionLogging
{
    private const string LoggedMarker = "StateHub.Logged";

    public static void MarkLogged(Exception exception) => exception.Data[LoggedMarker] = true;

    public static bool IsLogged(Exception exception) => exception.Data.Contains(LoggedMarker);
}

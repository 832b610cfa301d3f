using Microsoft.AspNetCore.Diagnostics;
using StateHub.Application.Common.Exceptions;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// The one place exceptions become HTTP answers: RFC 9457 problem details that always carry a
/// human-readable <c>detail</c>. Client mistakes are 4xx; only our own faults are 500. The
/// mapping itself is <see cref="ExceptionProblemTranslator"/>, shared with the MCP tools.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(ExceptionProblemTranslator translator) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = translator.Translate(exception, $"{httpContext.Request.Method} {httpContext.Request.Path}");
        // RetryAfterMiddleware writes the header (the one place); the exception may name its delay.
        if (ExceptionProblemTranslator.RetryAfterOf(problem, exception) is { } delay)
            RetryAfterMiddleware.Suggest(httpContext, delay);
        await ProblemWriter.WriteAsync(httpContext, problem);
        return true;
    }
}

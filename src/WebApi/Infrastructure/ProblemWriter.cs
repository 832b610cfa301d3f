using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// Writes a problem as application/problem+json whatever the client's Accept header says: through
/// <see cref="IProblemDetailsService"/> (so it carries the same extensions as every other problem),
/// and directly when the service declines (e.g. <c>Accept: application/xml</c>), never an empty body.
/// </summary>
public static class ProblemWriter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task WriteAsync(HttpContext httpContext, ProblemDetails problem, Exception? exception = null)
    {
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var service = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }))
            return;

        problem.Extensions["trace_id"] = Problems.TraceId(httpContext);
        await httpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), Options, "application/problem+json");
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// The one way a problem reaches the client: finished by <see cref="Problems.Complete"/> (type,
/// title, instance, <c>trace_id</c>, detail) and written as application/problem+json whatever the
/// client's Accept header says. It is written here directly, not negotiated: MVC's problem writer
/// answers <c>Accept: application/xml</c> or <c>text/html</c> with an empty body. Problems the
/// framework writes through <see cref="IProblemDetailsService"/> come here too (<see cref="ProblemJsonWriter"/>).
/// </summary>
public static class ProblemWriter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext httpContext, ProblemDetails problem)
    {
        var status = problem.Status
            ?? (httpContext.Response.StatusCode >= 400 ? httpContext.Response.StatusCode : StatusCodes.Status500InternalServerError);
        problem.Status = status;
        httpContext.Response.StatusCode = status;
        Problems.Complete(problem, httpContext);
        return httpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), Options, "application/problem+json");
    }
}

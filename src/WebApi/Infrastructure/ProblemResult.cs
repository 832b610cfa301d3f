using Microsoft.AspNetCore.Mvc;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// Writes a problem through <see cref="IProblemDetailsService"/>, so it is application/problem+json
/// whatever content type the action declares for success, and carries the same extensions as every
/// other problem the app returns.
/// </summary>
public sealed class ProblemResult(ProblemDetails problem) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var httpContext = context.HttpContext;
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var service = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }
}

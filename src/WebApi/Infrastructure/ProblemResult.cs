using Microsoft.AspNetCore.Mvc;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// Writes a problem through <see cref="ProblemWriter"/>, so it is application/problem+json
/// whatever content type the action declares for success or the client accepts, and carries the
/// same extensions as every other problem the app returns.
/// </summary>
public sealed class ProblemResult(ProblemDetails problem) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => ProblemWriter.WriteAsync(context.HttpContext, problem);
}

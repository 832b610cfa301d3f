using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace StateHub.WebApi.Controllers;

/// <summary>Controllers bind, send one MediatR request and return; every rule lives behind the mediator.</summary>
[ApiController]
[Produces("application/json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status429TooManyRequests, "application/problem+json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status500InternalServerError, "application/problem+json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
public abstract class ApiControllerBase : ControllerBase
{
    private IMediator? _mediator;

    protected IMediator Mediator => _mediator ??= HttpContext.RequestServices.GetRequiredService<IMediator>();

    /// <summary>
    /// The request's <c>If-Match</c> header (several are joined into one list), or null when absent.
    /// Commands that change a resource in place compare it with the resource's ETag. An empty
    /// header counts as absent: many HTTP stacks drop it on the way, so it cannot mean more.
    /// </summary>
    protected string? IfMatch => Request.Headers.IfMatch.ToString() is var value && !string.IsNullOrWhiteSpace(value) ? value : null;
}

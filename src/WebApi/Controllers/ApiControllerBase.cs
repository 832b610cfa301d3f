using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace StateHub.WebApi.Controllers;

/// <summary>Controllers bind, send one MediatR request and return; every rule lives behind the mediator.</summary>
[ApiController]
[Produces("application/json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status500InternalServerError, "application/problem+json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
public abstract class ApiControllerBase : ControllerBase
{
    private IMediator? _mediator;

    protected IMediator Mediator => _mediator ??= HttpContext.RequestServices.GetRequiredService<IMediator>();

    /// <summary>
    /// The request's <c>If-Match</c> header (several are joined into one list), or null when absent.
    /// Commands that change a resource in place compare it with the resource's ETag.
    /// </summary>
    protected string? IfMatch => Request.Headers.IfMatch is { Count: > 0 } values ? values.ToString() : null;
}

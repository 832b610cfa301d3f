using MediatR;
using StateHub.Application.Common.Paging;
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
    /// Returns a page as the JSON array it always was, with a <c>Link: &lt;…&gt;; rel="next"</c>
    /// header carrying the next page's full URL (this request's, with the next cursor) when more follow.
    /// </summary>
    protected IReadOnlyList<T> Paged<T>(Page<T> page)
    {
        if (page.NextCursor is { } cursor)
        {
            var query = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(
                Request.Query.Where(q => !string.Equals(q.Key, "cursor", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))))
            {
                { "cursor", cursor },
            };
            var next = $"{Request.Scheme}://{Request.Host}{Request.PathBase}{Request.Path}{query}";
            Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
        }

        return page.Items;
    }

    /// <summary>
    /// The request's <c>If-Match</c> header (several are joined into one list), or null when absent.
    /// Commands that change a resource in place compare it with the resource's ETag. An empty
    /// header counts as absent: many HTTP stacks drop it on the way, so it cannot mean more.
    /// </summary>
    protected string? IfMatch => Request.Headers.IfMatch.ToString() is var value && !string.IsNullOrWhiteSpace(value) ? value : null;
}

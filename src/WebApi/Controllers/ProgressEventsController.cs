using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Paging;
using StateHub.Application.ProgressEvents;
using StateHub.Application.ProgressEvents.Commands.LogProgressEvent;
using StateHub.Application.ProgressEvents.Queries.ListProgressEvents;

namespace StateHub.WebApi.Controllers;

/// <summary>A repo's timeline of progress events.</summary>
[Route("repos/{slug}/events")]
public sealed class ProgressEventsController : ApiControllerBase
{
    /// <summary>List a repo's most recent events, newest first.</summary>
    /// <param name="slug">The repo.</param>
    /// <param name="limit">How many events at most: 1 to 500, default 50.</param>
    /// <param name="cursor">The opaque cursor of the next page, from the previous page's <c>Link: rel="next"</c> header.</param>
    [HttpGet("")]
    [ProducesResponseType(typeof(IReadOnlyList<ProgressEventDto>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IReadOnlyList<ProgressEventDto>> ListProgressEvents(
        string slug,
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new ListProgressEventsQuery(slug, limit ?? ListProgressEventsQuery.DefaultLimit) { Cursor = cursor }, cancellationToken));

    /// <summary>Log what happened in a repo.</summary>
    [HttpPost("")]
    [ProducesResponseType(typeof(ProgressEventDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<ProgressEventDto>> LogProgressEvent(string slug, LogProgressEventCommand command, CancellationToken cancellationToken) =>
        StatusCode(StatusCodes.Status201Created, await Mediator.Send(command with { RepoSlug = slug }, cancellationToken));
}

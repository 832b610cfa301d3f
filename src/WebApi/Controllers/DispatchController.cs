using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Dispatch;
using StateHub.Application.Dispatch.Queries.GetDispatch;

namespace StateHub.WebApi.Controllers;

/// <summary>What an agent calls first in a session.</summary>
public sealed class DispatchController : ApiControllerBase
{
    /// <summary>
    /// The repo's dispatch briefing: its most urgent active goal, active workstreams with their
    /// open tasks, tasks that need a human, interface changes it must react to, and its unread inbox count.
    /// </summary>
    [HttpGet("repos/{slug}/dispatch")]
    [ProducesResponseType(typeof(DispatchDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public Task<DispatchDto> GetRepoDispatch(string slug, CancellationToken cancellationToken) =>
        Mediator.Send(new GetDispatchQuery(slug), cancellationToken);
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using StateHub.Application.Workplans.Commands.SyncRepo;

namespace StateHub.WebApi.Controllers;

/// <summary>Workplan sync: the repo's <c>workplans/*.md</c> files against the hub's workstreams and tasks.</summary>
[Route("repos")]
public sealed class RepoSyncController : ApiControllerBase
{
    /// <summary>Compare the repo's workplan files with the hub and, with fix (the default), make the hub match them.</summary>
    /// <remarks>
    /// The files come from the body (<c>{"files": [{"path": "workplans/x.md", "content": "..."}]}</c>, the repo's
    /// complete set) when sent, otherwise from the repo's directory on this host (<c>host_paths[host]</c>, else
    /// <c>local_path</c>). With no readable directory and no body the answer is 503, saying how to register a path.
    /// </remarks>
    /// <param name="slug">The repo.</param>
    /// <param name="command">Optional pushed workplan files; send no body to read the repo's directory.</param>
    /// <param name="fix">true (default): change the hub to match the files in one transaction; false: only report.</param>
    [HttpPost("{slug}/sync")]
    [ProducesResponseType(typeof(SyncReportDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public Task<SyncReportDto> SyncRepo(
        string slug,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] SyncRepoCommand? command,
        [FromQuery(Name = "fix")] bool fix = true,
        CancellationToken cancellationToken = default) =>
        Mediator.Send((command ?? new SyncRepoCommand()) with { Slug = slug, Fix = fix }, cancellationToken);
}

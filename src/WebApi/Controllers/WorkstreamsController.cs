using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Paging;
using StateHub.Application.Workstreams;
using StateHub.Application.Workstreams.Commands.CreateWorkstream;
using StateHub.Application.Workstreams.Commands.UpdateWorkstream;
using StateHub.Application.Workstreams.Queries.GetWorkstream;
using StateHub.Application.Workstreams.Queries.ListWorkstreams;

namespace StateHub.WebApi.Controllers;

/// <summary>Workstreams: a repo's workplans, each a keyed stream of tasks.</summary>
public sealed class WorkstreamsController : ApiControllerBase
{
    /// <summary>List a repo's workstreams in the order they were created.</summary>
    [HttpGet("repos/{slug}/workstreams")]
    [ProducesResponseType(typeof(IReadOnlyList<WorkstreamDto>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IReadOnlyList<WorkstreamDto>> ListWorkstreams(
        string slug,
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new ListWorkstreamsQuery(slug) { Limit = limit, Cursor = cursor }, cancellationToken));

    /// <summary>Add a workstream to a repo; its key must be new in the repo.</summary>
    [HttpPost("repos/{slug}/workstreams")]
    [ProducesResponseType(typeof(WorkstreamDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<WorkstreamDto>> CreateWorkstream(string slug, CreateWorkstreamCommand command, CancellationToken cancellationToken)
    {
        var workstream = await Mediator.Send(command with { RepoSlug = slug }, cancellationToken);
        return CreatedAtAction(nameof(GetWorkstream), new { id = workstream.Id }, workstream);
    }

    /// <summary>Get one workstream.</summary>
    [HttpGet("workstreams/{id}")]
    [ProducesResponseType(typeof(WorkstreamDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<WorkstreamDto> GetWorkstream(Guid id, CancellationToken cancellationToken) =>
        Mediator.Send(new GetWorkstreamQuery(id), cancellationToken);

    /// <summary>Change a workstream's key, title, status or source path; only fields present in the body change.</summary>
    [HttpPatch("workstreams/{id}")]
    [ProducesResponseType(typeof(WorkstreamDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<WorkstreamDto> UpdateWorkstream(Guid id, UpdateWorkstreamCommand command, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Id = id, IfMatch = IfMatch }, cancellationToken);
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using StateHub.Application.Common.Paging;
using StateHub.Application.InterfaceChanges;
using StateHub.Application.InterfaceChanges.Commands.AcknowledgeInterfaceChange;
using StateHub.Application.InterfaceChanges.Commands.PublishInterfaceChange;
using StateHub.Application.InterfaceChanges.Commands.RegisterInterfaceChange;
using StateHub.Application.InterfaceChanges.Commands.ResolveInterfaceChange;
using StateHub.Application.InterfaceChanges.Commands.UpdateInterfaceChange;
using StateHub.Application.InterfaceChanges.Queries.GetInterfaceChange;
using StateHub.Application.InterfaceChanges.Queries.ListInterfaceChanges;
using StateHub.Domain.InterfaceChanges;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Controllers;

/// <summary>The Interface Change Registry: how one repo tells the fleet that an interface it offers is changing.</summary>
[Route("interface-changes")]
public sealed class InterfaceChangesController : ApiControllerBase
{
    /// <summary>List interface changes, newest first.</summary>
    /// <param name="status">Only changes in this status.</param>
    /// <param name="origin">Only changes offered by this repo (slug); an unknown repo is a 404.</param>
    /// <param name="affected">Only changes whose affected repos include this one (slug); an unknown repo is a 404.</param>
    [HttpGet("")]
    [ProducesResponseType(typeof(IReadOnlyList<InterfaceChangeDto>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IReadOnlyList<InterfaceChangeDto>> ListInterfaceChanges(
        [FromQuery(Name = "status")] InterfaceChangeStatus? status,
        [FromQuery(Name = "origin")] string? origin,
        [FromQuery(Name = "affected")] string? affected,
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new ListInterfaceChangesQuery(status, origin, affected) { Limit = limit, Cursor = cursor }, cancellationToken));

    /// <summary>Register a draft interface change. Nobody is notified until it is published.</summary>
    [HttpPost("")]
    [ProducesResponseType(typeof(InterfaceChangeDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<InterfaceChangeDto>> RegisterInterfaceChange(RegisterInterfaceChangeCommand command, CancellationToken cancellationToken)
    {
        var change = await Mediator.Send(command, cancellationToken);
        return CreatedAtAction(nameof(GetInterfaceChange), new { id = change.Id }, change);
    }

    /// <summary>Get one interface change.</summary>
    [HttpGet("{id}")]
    [ProducesResponseType(typeof(InterfaceChangeDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<InterfaceChangeDto> GetInterfaceChange(Guid id, CancellationToken cancellationToken) =>
        Mediator.Send(new GetInterfaceChangeQuery(id), cancellationToken);

    /// <summary>Edit a draft: only fields present in the body change. A published or resolved change cannot be edited (409).</summary>
    [HttpPatch("{id}")]
    [ProducesResponseType(typeof(InterfaceChangeDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<InterfaceChangeDto> UpdateInterfaceChange(Guid id, UpdateInterfaceChangeCommand command, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Id = id, IfMatch = IfMatch }, cancellationToken);

    /// <summary>Publish a draft: notify every affected repo's inbox and log an event on the origin, once.</summary>
    [Sends(typeof(PublishInterfaceChangeCommand))]
    [HttpPost("{id}/publish")]
    [ProducesResponseType(typeof(InterfaceChangeDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<InterfaceChangeDto> PublishInterfaceChange(Guid id, CancellationToken cancellationToken) =>
        Mediator.Send(new PublishInterfaceChangeCommand(id) { IfMatch = IfMatch }, cancellationToken);

    /// <summary>Record where an affected repo stands with a published change: acknowledged, migrated or not_affected (only forward, or between migrated and not_affected).</summary>
    /// <param name="id">The interface change.</param>
    /// <param name="repoSlug">The affected repo that reports its status; a repo the change does not affect is a 404.</param>
    [HttpPost("{id}/acknowledgements/{repo_slug}")]
    [ProducesResponseType(typeof(InterfaceChangeDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<InterfaceChangeDto> AcknowledgeInterfaceChange(
        Guid id,
        [FromRoute(Name = "repo_slug")] string repoSlug,
        AcknowledgeInterfaceChangeCommand command,
        CancellationToken cancellationToken) =>
        Mediator.Send(command with { Id = id, RepoSlug = repoSlug, IfMatch = IfMatch }, cancellationToken);

    /// <summary>Resolve a published change: record the note, notify the affected repos once more and log an event on the origin. Refused (409, naming them) while any affected repo is notified or acknowledged, unless the body says force with a resolution_note. The body is optional.</summary>
    [HttpPost("{id}/resolve")]
    [ProducesResponseType(typeof(InterfaceChangeDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<InterfaceChangeDto> ResolveInterfaceChange(
        Guid id,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ResolveInterfaceChangeCommand? command,
        CancellationToken cancellationToken) =>
        Mediator.Send((command ?? new ResolveInterfaceChangeCommand()) with { Id = id, IfMatch = IfMatch }, cancellationToken);
}

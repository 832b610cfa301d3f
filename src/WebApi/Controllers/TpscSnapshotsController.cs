using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Paging;
using StateHub.Application.TpscSnapshots;
using StateHub.Application.TpscSnapshots.Commands.CreateTpscSnapshot;
using StateHub.Application.TpscSnapshots.Queries.ListTpscSnapshots;

namespace StateHub.WebApi.Controllers;

/// <summary>Third-party software component (TPSC) inventories of repos, e.g. from an SBOM.</summary>
[Route("repos/{slug}/tpsc-snapshots")]
public sealed class TpscSnapshotsController : ApiControllerBase
{
    /// <summary>List a repo's TPSC snapshots, newest first.</summary>
    [HttpGet("")]
    [ProducesResponseType(typeof(IReadOnlyList<TpscSnapshotDto>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IReadOnlyList<TpscSnapshotDto>> ListTpscSnapshots(
        string slug,
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new ListTpscSnapshotsQuery(slug) { Limit = limit, Cursor = cursor }, cancellationToken));

    /// <summary>Record a repo's TPSC inventory.</summary>
    [HttpPost("")]
    [ProducesResponseType(typeof(TpscSnapshotDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<TpscSnapshotDto>> CreateTpscSnapshot(string slug, CreateTpscSnapshotCommand command, CancellationToken cancellationToken) =>
        StatusCode(StatusCodes.Status201Created, await Mediator.Send(command with { RepoSlug = slug }, cancellationToken));
}

using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Doi;
using StateHub.Application.Doi.Commands.ReportRepoFacts;
using StateHub.Application.Doi.Queries.GetDoiSummary;
using StateHub.Application.Doi.Queries.GetRepoDoi;
using StateHub.WebApi.Infrastructure;

namespace StateHub.WebApi.Controllers;

/// <summary>DoI — Definition of Integration: how well each repo is integrated into the fleet, and the disk facts agents push for it.</summary>
[Route("repos")]
public sealed class RepoDoiController : ApiControllerBase
{
    /// <summary>The DoI tier of every active repo, worst tier first, then by name.</summary>
    /// <remarks>
    /// Cached results are served while their inputs are unchanged; cache misses are evaluated with
    /// C7 and C13 skipped (<c>full_evaluation</c> false). A fully cached fleet costs a constant
    /// number of SQL statements. Entries leave out their criteria unless asked
    /// (<c>?include=criteria</c>), as the Python service's entries do.
    /// </remarks>
    /// <param name="include"><c>criteria</c> to add every entry's criteria (the dashboard's view); anything else is a 422.</param>
    /// <param name="limit">Page size, 1 to 500; the whole fleet when absent.</param>
    /// <param name="cursor">The opaque cursor of the next page, from the previous page's <c>Link: rel="next"</c> header.</param>
    [HttpGet("doi/summary")]
    [ProducesResponseType(typeof(IReadOnlyList<DoiSummaryEntryDto>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IReadOnlyList<DoiSummaryEntryDto>> GetDoiSummary(
        [FromQuery(Name = "include")][KeepEmptyString] string? include,
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new GetDoiSummaryQuery(include) { Limit = limit, Cursor = cursor }, cancellationToken));

    /// <summary>The full DoI report of a repo: the 14 criteria, its tier, and what blocks the next tier.</summary>
    /// <param name="slug">The repo slug.</param>
    /// <param name="forceRefresh">Evaluate even when the cached result still matches the inputs (default false).</param>
    [HttpGet("{slug}/doi")]
    [ProducesResponseType(typeof(DoiReportDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<DoiReportDto> GetRepoDoi(
        string slug,
        [FromQuery(Name = "force_refresh")] bool forceRefresh = false,
        CancellationToken cancellationToken = default) =>
        Mediator.Send(new GetRepoDoiQuery(slug, forceRefresh), cancellationToken);

    /// <summary>Push the repo's disk facts (root files, workplan files, root commit), for hubs that cannot read its directory.</summary>
    /// <remarks>Replaces the repo's previous report. DoI uses the latest report whenever the repo directory is not readable on the hub host.</remarks>
    [HttpPut("{slug}/facts")]
    [ProducesResponseType(typeof(RepoFactsDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<RepoFactsDto> ReportRepoFacts(string slug, ReportRepoFactsCommand command, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Slug = slug }, cancellationToken);
}

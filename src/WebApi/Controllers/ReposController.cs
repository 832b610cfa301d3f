using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Paging;
using StateHub.Application.Repos;
using StateHub.Application.Repos.Commands.ArchiveRepo;
using StateHub.Application.Repos.Commands.RegisterHostPath;
using StateHub.Application.Repos.Commands.RegisterRepo;
using StateHub.Application.Repos.Commands.UpdateRepo;
using StateHub.Application.Repos.Queries.FindReposByFingerprint;
using StateHub.Application.Repos.Queries.GetRepo;
using StateHub.Application.Repos.Queries.GetRepoById;
using StateHub.Application.Repos.Queries.GetRepoByRemote;
using StateHub.Application.Repos.Queries.ListRepos;
using StateHub.WebApi.Infrastructure;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Controllers;

/// <summary>The repo registry: the seed router's endpoints, with the same paths and semantics.</summary>
[Route("repos")]
public sealed class ReposController : ApiControllerBase
{
    /// <summary>List repos by name, optionally only those of one domain.</summary>
    /// <param name="domain">Domain slug to filter by; an unknown domain is a 404.</param>
    [HttpGet("")]
    [ProducesResponseType(typeof(IReadOnlyList<RepoDto>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IReadOnlyList<RepoDto>> ListRepos(
        [FromQuery] string? domain,
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new ListReposQuery(domain) { Limit = limit, Cursor = cursor }, cancellationToken));

    /// <summary>Register a repo in an existing domain.</summary>
    [HttpPost("")]
    [ProducesResponseType(typeof(RepoDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<RepoDto>> RegisterRepo(RegisterRepoCommand command, CancellationToken cancellationToken)
    {
        var repo = await Mediator.Send(command, cancellationToken);
        return CreatedAtAction(nameof(GetRepo), new { slug = repo.Slug }, repo);
    }

    /// <summary>Find repos by root-commit fingerprint (<c>git rev-list --max-parents=0 HEAD</c>); possibly empty.</summary>
    /// <param name="hash">The root-commit SHA-1. Required; sent empty, it matches nothing.</param>
    /// <param name="remoteUrl">Narrows the match when forks share the fingerprint.</param>
    /// <param name="limit">Page size, 1 to 500; every match when absent.</param>
    /// <param name="cursor">The opaque cursor of the next page, from the previous page's <c>Link: rel="next"</c> header.</param>
    [HttpGet("by-fingerprint")]
    [ProducesResponseType(typeof(IReadOnlyList<RepoDto>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IReadOnlyList<RepoDto>> FindReposByFingerprint(
        [FromQuery(Name = "hash")][KeepEmptyString] string hash,
        [FromQuery(Name = "remote_url")] string? remoteUrl,
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new FindReposByFingerprintQuery(hash, remoteUrl) { Limit = limit, Cursor = cursor }, cancellationToken));

    /// <summary>Find the repo with a git remote URL (fallback; prefer by-fingerprint).</summary>
    /// <param name="url">The remote URL exactly as registered. Required; sent empty, it is a 404.</param>
    [HttpGet("by-remote")]
    [ProducesResponseType(typeof(RepoDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<RepoDto> GetRepoByRemote([FromQuery(Name = "url")][KeepEmptyString] string url, CancellationToken cancellationToken) =>
        Mediator.Send(new GetRepoByRemoteQuery(url), cancellationToken);

    /// <summary>Get a repo by its id.</summary>
    [HttpGet("by-id/{repo_id}")]
    [ProducesResponseType(typeof(RepoDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<RepoDto> GetRepoById([FromRoute(Name = "repo_id")] Guid repoId, CancellationToken cancellationToken) =>
        Mediator.Send(new GetRepoByIdQuery(repoId), cancellationToken);

    /// <summary>Get a repo by slug.</summary>
    [HttpGet("{slug}")]
    [ProducesResponseType(typeof(RepoDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public Task<RepoDto> GetRepo(string slug, CancellationToken cancellationToken) =>
        Mediator.Send(new GetRepoQuery(slug), cancellationToken);

    /// <summary>Partially update a repo: only fields present in the body change; unknown fields are a 422.</summary>
    [HttpPatch("{slug}")]
    [ProducesResponseType(typeof(RepoDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<RepoDto> UpdateRepo(string slug, UpdateRepoCommand command, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Slug = slug, IfMatch = IfMatch }, cancellationToken);

    /// <summary>Record the repo's path on one host, leaving other hosts' paths as they are.</summary>
    [HttpPost("{slug}/paths")]
    [ProducesResponseType(typeof(RepoDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<RepoDto> RegisterHostPath(string slug, RegisterHostPathCommand command, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Slug = slug, IfMatch = IfMatch }, cancellationToken);

    /// <summary>Archive a repo.</summary>
    [Sends(typeof(ArchiveRepoCommand))]
    [HttpPatch("{slug}/archive")]
    [ProducesResponseType(typeof(RepoDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    public Task<RepoDto> ArchiveRepo(string slug, CancellationToken cancellationToken) =>
        Mediator.Send(new ArchiveRepoCommand(slug) { IfMatch = IfMatch }, cancellationToken);
}

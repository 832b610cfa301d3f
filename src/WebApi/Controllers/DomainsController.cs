using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Paging;
using StateHub.Application.Domains;
using StateHub.Application.Domains.Commands.CreateDomain;
using StateHub.Application.Domains.Commands.UpdateDomain;
using StateHub.Application.Domains.Queries.GetDomain;
using StateHub.Application.Domains.Queries.ListDomains;

namespace StateHub.WebApi.Controllers;

/// <summary>Domains group repos.</summary>
[Route("domains")]
public sealed class DomainsController : ApiControllerBase
{
    /// <summary>List domains, by name.</summary>
    [HttpGet("")]
    [ProducesResponseType(typeof(IReadOnlyList<DomainDto>), StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<DomainDto>> ListDomains(
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new ListDomainsQuery { Limit = limit, Cursor = cursor }, cancellationToken));

    /// <summary>Create a domain.</summary>
    [HttpPost("")]
    [ProducesResponseType(typeof(DomainDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<DomainDto>> CreateDomain(CreateDomainCommand command, CancellationToken cancellationToken)
    {
        var domain = await Mediator.Send(command, cancellationToken);
        return CreatedAtAction(nameof(GetDomain), new { slug = domain.Slug }, domain);
    }

    /// <summary>Get one domain.</summary>
    [HttpGet("{slug}")]
    [ProducesResponseType(typeof(DomainDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public Task<DomainDto> GetDomain(string slug, CancellationToken cancellationToken) =>
        Mediator.Send(new GetDomainQuery(slug), cancellationToken);

    /// <summary>Change a domain's name, description or status; only fields present in the body change.</summary>
    [HttpPatch("{slug}")]
    [ProducesResponseType(typeof(DomainDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<DomainDto> UpdateDomain(string slug, UpdateDomainCommand command, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Slug = slug, IfMatch = IfMatch }, cancellationToken);
}

using Microsoft.AspNetCore.Mvc;
using StateHub.WebApi.Infrastructure;
using StateHub.Application.ApiKeys;
using StateHub.Application.ApiKeys.Commands.CreateApiKey;
using StateHub.Application.ApiKeys.Commands.RevokeApiKey;
using StateHub.Application.ApiKeys.Queries.ListApiKeys;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Controllers;

/// <summary>API keys (admin only, reads included).</summary>
public sealed class ApiKeysController : ApiControllerBase
{
    /// <summary>Create a key: role admin, agent (bound to repo_slug) or reader. The answer's key is the only time the secret is shown.</summary>
    [HttpPost("api-keys")]
    [OneTimeSecret("key")]
    [ProducesResponseType(typeof(CreatedApiKeyDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<CreatedApiKeyDto>> CreateApiKey(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var key = await Mediator.Send(command, cancellationToken);
        return StatusCode(StatusCodes.Status201Created, key);
    }

    /// <summary>List every key, oldest first, without secrets.</summary>
    /// <param name="limit">Page size, 1 to 500; everything when absent.</param>
    /// <param name="cursor">The opaque cursor of the next page, from the previous page's <c>Link: rel="next"</c> header.</param>
    [Sends(typeof(ListApiKeysQuery))]
    [HttpGet("api-keys")]
    [ProducesResponseType(typeof(IReadOnlyList<ApiKeyDto>), StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<ApiKeyDto>> ListApiKeys(
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new ListApiKeysQuery { Limit = limit, Cursor = cursor }, cancellationToken));

    /// <summary>Revoke a key: refused on every node from now on. Idempotent: the first revocation time is kept.</summary>
    [Sends(typeof(RevokeApiKeyCommand))]
    [HttpPost("api-keys/{id}/revoke")]
    [ProducesResponseType(typeof(ApiKeyDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<ApiKeyDto> RevokeApiKey(Guid id, CancellationToken cancellationToken) =>
        Mediator.Send(new RevokeApiKeyCommand(id), cancellationToken);
}

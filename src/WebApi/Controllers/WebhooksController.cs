using MediatR;
using Microsoft.AspNetCore.Mvc;
using StateHub.WebApi.Infrastructure;
using StateHub.Application.Webhooks;
using StateHub.Application.Webhooks.Commands.CreateWebhook;
using StateHub.Application.Webhooks.Commands.DeleteWebhook;
using StateHub.Application.Webhooks.Commands.PingWebhook;
using StateHub.Application.Webhooks.Commands.RecoverWebhookDeliveries;
using StateHub.Application.Webhooks.Commands.RedeliverWebhookDelivery;
using StateHub.Application.Webhooks.Commands.RotateWebhookSecret;
using StateHub.Application.Webhooks.Commands.UpdateWebhook;
using StateHub.Application.Webhooks.Queries.GetWebhook;
using StateHub.Application.Webhooks.Queries.ListWebhookDeliveries;
using StateHub.Application.Webhooks.Queries.ListWebhooks;
using StateHub.Domain.Webhooks;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Controllers;

/// <summary>
/// Webhook subscriptions (admin work; every action of this controller is for administrators):
/// events are signed and delivered per Standard Webhooks, with retries and a delivery log.
/// </summary>
[Route("webhooks")]
public sealed class WebhooksController : ApiControllerBase
{
    /// <summary>List subscriptions, oldest first, with their health.</summary>
    /// <param name="limit">Page size, 1 to 500; everything when absent.</param>
    /// <param name="cursor">The opaque cursor of the next page, from the previous page's <c>Link: rel="next"</c> header.</param>
    [Sends(typeof(ListWebhooksQuery))]
    [HttpGet("")]
    [ProducesResponseType(typeof(IReadOnlyList<WebhookDto>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IReadOnlyList<WebhookDto>> ListWebhooks(
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new ListWebhooksQuery { Limit = limit, Cursor = cursor }, cancellationToken));

    /// <summary>Subscribe a receiver. The answer holds the signing <c>secret</c>, shown only this once. Nothing is sent until an event happens (or a ping).</summary>
    [HttpPost("")]
    [ProducesResponseType(typeof(WebhookWithSecretDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [OneTimeSecret("secret")]
    public async Task<ActionResult<WebhookWithSecretDto>> CreateWebhook(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        var webhook = await Mediator.Send(command, cancellationToken);
        return CreatedAtAction(nameof(GetWebhook), new { id = webhook.Id }, webhook);
    }

    /// <summary>Get one subscription (without its secret).</summary>
    [Sends(typeof(GetWebhookQuery))]
    [HttpGet("{id}")]
    [ProducesResponseType(typeof(WebhookDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<WebhookDto> GetWebhook(Guid id, CancellationToken cancellationToken) =>
        Mediator.Send(new GetWebhookQuery(id), cancellationToken);

    /// <summary>Change the URL, event types, filters, description, or turn deliveries off (<c>enabled: false</c>) and on again.</summary>
    [HttpPatch("{id}")]
    [ProducesResponseType(typeof(WebhookDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<WebhookDto> UpdateWebhook(Guid id, UpdateWebhookCommand command, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Id = id, IfMatch = IfMatch }, cancellationToken);

    /// <summary>Delete a subscription and its delivery log.</summary>
    [Sends(typeof(DeleteWebhookCommand))]
    [HttpDelete("{id}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> DeleteWebhook(Guid id, CancellationToken cancellationToken)
    {
        await Mediator.Send(new DeleteWebhookCommand(id), cancellationToken);
        return NoContent();
    }

    /// <summary>Issue a new signing secret (shown once). The old one keeps signing for 24 hours: deliveries carry both signatures.</summary>
    [Sends(typeof(RotateWebhookSecretCommand))]
    [HttpPost("{id}/rotate-secret")]
    [ProducesResponseType(typeof(WebhookWithSecretDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [OneTimeSecret("secret")]
    public Task<WebhookWithSecretDto> RotateWebhookSecret(Guid id, CancellationToken cancellationToken) =>
        Mediator.Send(new RotateWebhookSecretCommand(id), cancellationToken);

    /// <summary>Queue a <c>webhook.ping</c> event for this subscription; the answer is its pending delivery.</summary>
    [Sends(typeof(PingWebhookCommand))]
    [HttpPost("{id}/ping")]
    [ProducesResponseType(typeof(WebhookDeliveryDto), StatusCodes.Status202Accepted)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<WebhookDeliveryDto>> PingWebhook(Guid id, CancellationToken cancellationToken) =>
        Accepted(await Mediator.Send(new PingWebhookCommand(id), cancellationToken));

    /// <summary>The delivery log: one entry per attempt, newest first.</summary>
    /// <param name="id">The subscription.</param>
    /// <param name="status">Only attempts in this status: pending, succeeded or failed.</param>
    /// <param name="limit">At most this many entries (1–500, default 100).</param>
    /// <param name="cursor">The opaque cursor of the next page, from the previous page's <c>Link: rel="next"</c> header.</param>
    [Sends(typeof(ListWebhookDeliveriesQuery))]
    [HttpGet("{id}/deliveries")]
    [ProducesResponseType(typeof(IReadOnlyList<WebhookDeliveryDto>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IReadOnlyList<WebhookDeliveryDto>> ListWebhookDeliveries(
        Guid id,
        [FromQuery(Name = "status")] WebhookDeliveryStatus? status,
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new ListWebhookDeliveriesQuery(id, status, limit) { Cursor = cursor }, cancellationToken));

    /// <summary>Send a delivery's event again (same <c>webhook-id</c>, same sequence), as a new attempt due now.</summary>
    [Sends(typeof(RedeliverWebhookDeliveryCommand))]
    [HttpPost("{id}/deliveries/{delivery_id}/redeliver")]
    [ProducesResponseType(typeof(WebhookDeliveryDto), StatusCodes.Status202Accepted)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<WebhookDeliveryDto>> RedeliverWebhookDelivery(Guid id, [FromRoute(Name = "delivery_id")] Guid deliveryId, CancellationToken cancellationToken) =>
        Accepted(await Mediator.Send(new RedeliverWebhookDeliveryCommand(id, deliveryId), cancellationToken));

    /// <summary>Queue again every delivery that failed since <c>since</c> (its last attempt failed and no retry is pending).</summary>
    [HttpPost("{id}/recover")]
    [ProducesResponseType(typeof(WebhookRecoveryDto), StatusCodes.Status202Accepted)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<WebhookRecoveryDto>> RecoverWebhookDeliveries(Guid id, RecoverWebhookDeliveriesCommand command, CancellationToken cancellationToken) =>
        Accepted(await Mediator.Send(command with { Id = id }, cancellationToken));
}

using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Domain.Webhooks;

namespace StateHub.Application.Webhooks;

internal static class WebhookErrors
{
    public static NotFoundException NotFound(Guid id) => new($"Webhook '{id}' not found");

    public static NotFoundException DeliveryNotFound(Guid webhookId, Guid deliveryId) =>
        new($"Delivery '{deliveryId}' of webhook '{webhookId}' not found");

    public static async Task<WebhookSubscription> GetRequiredAsync(this IWebhookStore store, Guid id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) ?? throw NotFound(id);

    /// <summary>Refuses a URL the guard refuses, as a 422 on <c>url</c>.</summary>
    public static async Task RequireAllowedAsync(this IWebhookTargetGuard guard, string url, CancellationToken cancellationToken)
    {
        if (await guard.RefusalAsync(url, cancellationToken) is { } refusal)
            throw new RequestValidationException("url", refusal);
    }
}

using AutoMapper;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;

namespace StateHub.Application.Webhooks.Commands.RedeliverWebhookDelivery;

/// <summary>Queues one more attempt of a delivery's event, due now: same event id (<c>webhook-id</c>), same sequence.</summary>
public sealed record RedeliverWebhookDeliveryCommand(Guid Id, Guid DeliveryId) : ICommand<WebhookDeliveryDto>, IAdminOnlyRequest;

internal sealed class RedeliverWebhookDeliveryCommandHandler(IWebhookStore store, TimeProvider clock, IMapper mapper)
    : ICommandHandler<RedeliverWebhookDeliveryCommand, WebhookDeliveryDto>
{
    public async Task<Func<WebhookDeliveryDto>> Handle(RedeliverWebhookDeliveryCommand request, CancellationToken cancellationToken)
    {
        // Locked so two redeliveries of one event number their attempts one after the other.
        _ = await store.GetForUpdateAsync(request.Id, cancellationToken) ?? throw WebhookErrors.NotFound(request.Id);
        var delivery = await store.GetDeliveryAsync(request.Id, request.DeliveryId, cancellationToken)
            ?? throw WebhookErrors.DeliveryNotFound(request.Id, request.DeliveryId);
        var last = await store.LastAttemptAsync(request.Id, delivery.EventId, cancellationToken);
        var again = delivery.Again(last, clock.GetUtcNow());
        store.Add(again);
        return () => mapper.Map<WebhookDeliveryDto>(again);
    }
}

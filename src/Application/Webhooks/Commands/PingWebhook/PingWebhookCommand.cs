using System.Text.Json;
using AutoMapper;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Domain.Webhooks;

namespace StateHub.Application.Webhooks.Commands.PingWebhook;

/// <summary>Queues a <c>webhook.ping</c> event for this subscription alone, whatever its filters.</summary>
public sealed record PingWebhookCommand(Guid Id) : ICommand<WebhookDeliveryDto>, IAdminOnlyRequest;

internal sealed class PingWebhookCommandHandler(IWebhookStore store, TimeProvider clock, IMapper mapper)
    : ICommandHandler<PingWebhookCommand, WebhookDeliveryDto>
{
    public async Task<Func<WebhookDeliveryDto>> Handle(PingWebhookCommand request, CancellationToken cancellationToken)
    {
        var subscription = await store.GetAsync(request.Id, cancellationToken) ?? throw WebhookErrors.NotFound(request.Id);
        // In commit order, like the outbox's; null when the subscription was deleted meanwhile.
        var sequence = await store.TakeSequencesAsync(subscription.Id, 1, cancellationToken) ?? throw WebhookErrors.NotFound(request.Id);
        var now = clock.GetUtcNow();
        var data = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["webhook_id"] = subscription.Id,
            ["url"] = subscription.Url,
            ["links"] = new Dictionary<string, string> { ["webhook"] = $"/webhooks/{subscription.Id}" },
        });
        var ping = WebhookEvent.Create(WebhookEventTypes.WebhookPing, now, data, [], []);
        var delivery = WebhookDelivery.First(subscription.Id, ping, sequence, now);
        store.Add(ping);
        store.Add(delivery);
        return () => mapper.Map<WebhookDeliveryDto>(delivery);
    }
}

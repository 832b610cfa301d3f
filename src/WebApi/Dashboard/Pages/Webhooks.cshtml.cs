using MediatR;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Webhooks;
using StateHub.Application.Webhooks.Queries.ListWebhookDeliveries;
using StateHub.Application.Webhooks.Queries.ListWebhooks;
using StateHub.Domain.Webhooks;

namespace StateHub.WebApi.Dashboard.Pages;

/// <summary>Webhook subscriptions with their health (last success, failures in a row) and recent failed deliveries.</summary>
public sealed class WebhooksModel(IMediator mediator, TimeProvider clock) : DashboardPageModel(mediator, clock)
{
    public const int RecentFailures = 5;

    public IReadOnlyList<WebhookDto> Webhooks { get; private set; } = [];

    public IReadOnlyDictionary<Guid, IReadOnlyList<WebhookDeliveryDto>> Failures { get; private set; } = new Dictionary<Guid, IReadOnlyList<WebhookDeliveryDto>>();

    /// <summary>Subscriptions the hub disabled (410, failing too long) or an administrator turned off.</summary>
    public IReadOnlyList<WebhookDto> Disabled => Webhooks.Where(w => !w.Enabled).ToList();

    /// <summary>Why this key may not see the subscriptions (they are admin work), or null.</summary>
    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Webhooks = await Mediator.Send(new ListWebhooksQuery(), cancellationToken);
        }
        catch (ForbiddenAccessException ex)
        {
            // A page, not problem JSON: the nav links here for every dashboard reader.
            Refusal = ex.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var failures = new Dictionary<Guid, IReadOnlyList<WebhookDeliveryDto>>();
        foreach (var webhook in Webhooks)
            failures[webhook.Id] = await Mediator.Send(new ListWebhookDeliveriesQuery(webhook.Id, WebhookDeliveryStatus.Failed, RecentFailures), cancellationToken);
        Failures = failures;
    }
}

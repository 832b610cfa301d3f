namespace StateHub.Domain.Webhooks;

/// <summary>Where one delivery attempt stands.</summary>
public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

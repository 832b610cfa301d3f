using System.Text.Json.Serialization;
using FluentValidation;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;

namespace StateHub.Application.Webhooks.Commands.RecoverWebhookDeliveries;

/// <summary>Queues again every delivery of the subscription that failed since <see cref="Since"/> (its latest attempt failed, none is pending).</summary>
public sealed record RecoverWebhookDeliveriesCommand : ICommand<WebhookRecoveryDto>, IAdminOnlyRequest
{
    [JsonIgnore]
    public Guid Id { get; init; }

    /// <summary>Failed deliveries whose last attempt is at or after this time are queued again.</summary>
    /// <example>2026-11-01T00:00:00Z</example>
    public DateTimeOffset? Since { get; init; }
}

public sealed class RecoverWebhookDeliveriesCommandValidator : AbstractValidator<RecoverWebhookDeliveriesCommand>
{
    public RecoverWebhookDeliveriesCommandValidator() => RuleFor(c => c.Since).NotNull();
}

internal sealed class RecoverWebhookDeliveriesCommandHandler(IWebhookStore store, TimeProvider clock)
    : ICommandHandler<RecoverWebhookDeliveriesCommand, WebhookRecoveryDto>
{
    public async Task<Func<WebhookRecoveryDto>> Handle(RecoverWebhookDeliveriesCommand request, CancellationToken cancellationToken)
    {
        _ = await store.GetForUpdateAsync(request.Id, cancellationToken) ?? throw WebhookErrors.NotFound(request.Id);
        var since = request.Since!.Value;
        var count = await store.RequeueFailedSinceAsync(request.Id, since, clock.GetUtcNow(), cancellationToken);
        return () => new WebhookRecoveryDto { WebhookId = request.Id, Since = since, Requeued = count };
    }
}

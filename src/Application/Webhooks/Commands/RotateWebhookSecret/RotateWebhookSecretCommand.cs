using AutoMapper;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;

namespace StateHub.Application.Webhooks.Commands.RotateWebhookSecret;

/// <summary>
/// Issues a new signing secret (shown once). For 24 hours deliveries carry two signatures, one
/// with the new secret and one with the old, so receivers can switch without losing an event.
/// </summary>
public sealed record RotateWebhookSecretCommand(Guid Id) : ICommand<WebhookWithSecretDto>, IAdminOnlyRequest;

internal sealed class RotateWebhookSecretCommandHandler(IWebhookStore store, TimeProvider clock, IMapper mapper)
    : ICommandHandler<RotateWebhookSecretCommand, WebhookWithSecretDto>
{
    public async Task<Func<WebhookWithSecretDto>> Handle(RotateWebhookSecretCommand request, CancellationToken cancellationToken)
    {
        var subscription = await store.GetForUpdateAsync(request.Id, cancellationToken) ?? throw WebhookErrors.NotFound(request.Id);
        subscription.RotateSecret(WebhookSecrets.New(), clock.GetUtcNow());
        return () => mapper.Map<WebhookWithSecretDto>(subscription);
    }
}

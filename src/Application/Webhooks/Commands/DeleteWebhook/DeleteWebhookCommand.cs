using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;

namespace StateHub.Application.Webhooks.Commands.DeleteWebhook;

/// <summary>Deletes a subscription with its delivery log; nothing more is sent to it.</summary>
public sealed record DeleteWebhookCommand(Guid Id) : ICommand<Unit>, IAdminOnlyRequest;

internal sealed class DeleteWebhookCommandHandler(IWebhookStore store) : ICommandHandler<DeleteWebhookCommand, Unit>
{
    public async Task<Func<Unit>> Handle(DeleteWebhookCommand request, CancellationToken cancellationToken)
    {
        var subscription = await store.GetRequiredAsync(request.Id, cancellationToken);
        await store.RemoveAsync(subscription, cancellationToken);
        return () => Unit.Value;
    }
}

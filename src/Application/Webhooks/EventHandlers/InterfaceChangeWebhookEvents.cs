using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Events;
using StateHub.Application.InterfaceChanges;
using StateHub.Domain.Inbox;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Webhooks;

namespace StateHub.Application.Webhooks.EventHandlers;

/// <summary><c>interface_change.published</c>: about the origin and every affected repo.</summary>
internal sealed class QueueInterfaceChangePublishedWebhook(IRepoRepository repos, IWebhookOutbox outbox, TimeProvider clock)
    : IDomainEventHandler<InterfaceChangePublished>
{
    public Task Handle(InterfaceChangePublished domainEvent, CancellationToken cancellationToken) =>
        outbox.InterfaceChangeMovedAsync(repos, WebhookEventTypes.InterfaceChangePublished, domainEvent.Change, clock.GetUtcNow(), cancellationToken);
}

/// <summary><c>interface_change.resolved</c>: about the origin and every affected repo.</summary>
internal sealed class QueueInterfaceChangeResolvedWebhook(IRepoRepository repos, IWebhookOutbox outbox, TimeProvider clock)
    : IDomainEventHandler<InterfaceChangeResolved>
{
    public Task Handle(InterfaceChangeResolved domainEvent, CancellationToken cancellationToken) =>
        outbox.InterfaceChangeMovedAsync(repos, WebhookEventTypes.InterfaceChangeResolved, domainEvent.Change, clock.GetUtcNow(), cancellationToken);
}

/// <summary><c>interface_change.acknowledged</c>: a consumer moved its status; about the origin and every affected repo.</summary>
internal sealed class QueueInterfaceChangeAcknowledgedWebhook(IRepoRepository repos, IWebhookOutbox outbox, TimeProvider clock)
    : IDomainEventHandler<InterfaceChangeAcknowledged>
{
    public Task Handle(InterfaceChangeAcknowledged domainEvent, CancellationToken cancellationToken) =>
        outbox.InterfaceChangeMovedAsync(repos, WebhookEventTypes.InterfaceChangeAcknowledged, domainEvent.Change, domainEvent.Consumer, clock.GetUtcNow(), cancellationToken);
}

/// <summary>
/// <c>inbox.message_created</c>: also for messages other handlers add (e.g. the notices of
/// <see cref="InterfaceChanges.EventHandlers.AnnounceInterfaceChange"/>); the unit of work
/// dispatches events raised by handlers in later rounds, and flushes the outbox after all of them.
/// </summary>
internal sealed class QueueInboxMessageCreatedWebhook(IRepoRepository repos, IWebhookOutbox outbox, TimeProvider clock)
    : IDomainEventHandler<InboxMessageCreated>
{
    public async Task Handle(InboxMessageCreated domainEvent, CancellationToken cancellationToken)
    {
        var recipient = await repos.GetByIdAsync(domainEvent.Message.RepoId, cancellationToken);
        if (recipient is null)
            return;
        outbox.InboxMessageCreated(domainEvent.Message, recipient, clock.GetUtcNow());
    }
}
